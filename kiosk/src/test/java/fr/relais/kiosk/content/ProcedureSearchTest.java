package fr.relais.kiosk.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcedureSearchTest {

    private final List<Procedure> catalog = ProcedureCatalog.all();

    @Test
    void anEmptyQueryKeepsEveryProcedureInOrder() {
        assertThat(ProcedureSearch.filter(catalog, "  ")).isEqualTo(catalog);
        assertThat(ProcedureSearch.filter(catalog, null)).isEqualTo(catalog);
    }

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource({
        "impot, impots",
        "IMPÔTS, impots",
        "chomage, france-travail",
        "pôle emploi, france-travail",
        "APL, caf",
        "securite sociale, assurance-maladie",
        "carte vitale, assurance-maladie",
        "passeport, identite",
        "immatriculation, carte-grise",
        "trimestres, retraite",
    })
    void findsAProcedureByTheWordsVisitorsUse(String query, String id) {
        assertThat(ProcedureSearch.filter(catalog, query)).extracting(Procedure::id).containsExactly(id);
    }

    @Test
    void everyWordMustMatch() {
        assertThat(ProcedureSearch.filter(catalog, "ants")).extracting(Procedure::id)
                .containsExactly("identite", "permis", "carte-grise");
        assertThat(ProcedureSearch.filter(catalog, "ants permis")).extracting(Procedure::id)
                .containsExactly("permis");
        assertThat(ProcedureSearch.filter(catalog, "xylophone")).isEmpty();
    }

    @Test
    void theCatalogCoversTheProceduresOfTheBrief() {
        assertThat(catalog).extracting(Procedure::id).containsExactly(
                "caf", "france-travail", "retraite", "impots", "assurance-maladie", "identite", "permis",
                "carte-grise");
        assertThat(catalog).allSatisfy(p -> assertThat(p.guidance()).isNotBlank());
    }
}
