package fr.relais.kiosk.content;

import static fr.relais.kiosk.content.French.typo;

import java.util.List;

/**
 * The procedures visitors most often come for. Written to be read aloud: short sentences, the
 * site's address, what to bring. No form here: the kiosk never collects personal data.
 */
public final class ProcedureCatalog {

    private ProcedureCatalog() {
    }

    public static List<Procedure> all() {
        return List.of(
                procedure("caf", "CAF : allocations, aide au logement, RSA",
                        "Sur le site caf.fr, vous pouvez demander une aide au logement, le RSA ou la prime "
                                + "d'activité, et déclarer vos ressources. Ayez votre numéro d'allocataire.",
                        "il vous aide à créer votre compte et à remplir la demande.",
                        "allocations familiales APL logement RSA prime d'activité allocataire caf.fr"),
                procedure("france-travail", "France Travail (l'ancien Pôle emploi)",
                        "Sur francetravail.fr, vous pouvez vous inscrire comme demandeur d'emploi, "
                                + "vous actualiser chaque mois et chercher des offres. Ayez votre identifiant.",
                        "il vous aide pour l'inscription, l'actualisation ou votre CV.",
                        "pole emploi chômage emploi travail actualisation inscription offre CV"),
                procedure("retraite", "Retraite",
                        "Sur info-retraite.fr, vous voyez vos trimestres et vous demandez votre retraite "
                                + "en une seule fois pour tous vos régimes, environ 6 mois avant votre départ.",
                        "il vous aide à vérifier votre relevé de carrière.",
                        "pension CARSAT MSA carrière trimestres relevé départ"),
                procedure("impots", "Impôts",
                        "Sur impots.gouv.fr, vous pouvez déclarer vos revenus ou payer un impôt. "
                                + "Votre numéro fiscal est écrit sur votre dernier avis d'impôt.",
                        "il vous aide à retrouver votre numéro fiscal et à remplir la déclaration.",
                        "déclaration revenus taxe foncière avis fiscal prélèvement à la source"),
                procedure("assurance-maladie", "Assurance Maladie : carte Vitale, remboursements",
                        "Sur ameli.fr, dans « Mon compte ameli », vous suivez vos remboursements, obtenez "
                                + "une attestation ou commandez une carte Vitale.",
                        "il vous aide à créer votre compte ameli.",
                        "sécurité sociale santé CPAM vitale remboursement attestation médecin mutuelle"),
                procedure("identite", "Carte d'identité et passeport",
                        "Faites une pré-demande sur ants.gouv.fr, puis prenez rendez-vous dans une mairie "
                                + "qui fait les cartes d'identité : toutes ne le font pas.",
                        "il vous aide à faire la pré-demande et à trouver la mairie la plus proche.",
                        "CNI identité passeport papiers ANTS pré-demande mairie perte vol"),
                procedure("permis", "Permis de conduire",
                        "Sur ants.gouv.fr, vous demandez un nouveau permis s'il est perdu, volé, abîmé "
                                + "ou à renouveler. Il faut une photo d'identité avec un code.",
                        "il vous aide à remplir la demande en ligne.",
                        "permis conduire ANTS perte vol renouvellement photo"),
                procedure("carte-grise", "Carte grise",
                        "Sur ants.gouv.fr, vous changez l'adresse ou le propriétaire d'un véhicule. "
                                + "Attention aux faux sites payants : le vrai finit par « gouv.fr ».",
                        "il vous aide à faire la démarche sur le site officiel.",
                        "immatriculation véhicule voiture ANTS adresse vente achat certificat"));
    }

    private static Procedure procedure(String id, String title, String guidance, String tip, String keywords) {
        return new Procedure(id, typo(title), typo(guidance), typo(tip), List.of(keywords.split(" ")));
    }
}
