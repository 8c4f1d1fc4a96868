package fr.relais.kiosk.content;

import static fr.relais.kiosk.content.French.typo;

import java.util.Arrays;

/**
 * Texts of the information screens. Where the kiosk has no data source yet (workshop
 * programme, van timetable) it says so and sends the visitor to the desk rather than guess.
 */
public final class InfoPages {

    private InfoPages() {
    }

    public static InfoPage computer() {
        return page("Utiliser un ordinateur",
                "Les ordinateurs de ce lieu sont gratuits et ouverts à tous.",
                "Demandez à l'accueil : on vous installe à un ordinateur libre.",
                "Vous ne savez pas vous en servir ? Ce n'est pas grave : un médiateur vous aide.",
                "À la fin, pensez à fermer vos comptes. Le médiateur peut vérifier avec vous.");
    }

    public static InfoPage printing() {
        return page("Imprimer ou scanner un document",
                "Vous pouvez imprimer un document ou scanner un papier ici.",
                "Pour imprimer : votre document peut être dans vos e-mails ou sur une clé USB. "
                        + "Demandez à l'accueil, on vous montre comment faire.",
                "Pour scanner : apportez votre papier à l'accueil. On le transforme en fichier "
                        + "que vous pouvez envoyer, par exemple à la CAF.",
                "Demandez à l'accueil combien de pages vous pouvez imprimer.");
    }

    public static InfoPage workshops() {
        return page("Les ateliers",
                "Des ateliers ont lieu ici, en petit groupe, pour apprendre à votre rythme : "
                        + "se servir d'un ordinateur ou d'un téléphone, envoyer un e-mail, faire ses démarches.",
                "Le programme est affiché à l'accueil. Cet écran ne le montre pas encore.",
                "Pour vous inscrire, demandez à l'accueil.");
    }

    public static InfoPage van() {
        return page("Quand passe le bus France Services ?",
                "Le bus France Services est un service public itinérant : il passe dans chaque commune "
                        + "au moins une fois par mois.",
                "À bord, deux agents vous aident pour vos démarches : CAF, impôts, retraite, santé, papiers.",
                "Pour connaître la date de son passage dans votre commune, demandez à l'accueil "
                        + "ou à votre mairie. Cet écran ne montre pas encore les dates.");
    }

    private static InfoPage page(String title, String... paragraphs) {
        return new InfoPage(typo(title), Arrays.stream(paragraphs).map(French::typo).toList());
    }
}
