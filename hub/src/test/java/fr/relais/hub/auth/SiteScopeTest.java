package fr.relais.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.auth.SiteScope.Anonymous;
import fr.relais.hub.place.Body;
import fr.relais.hub.place.PlaceBody;
import fr.relais.hub.web.Refusal;
import org.junit.jupiter.api.Test;

/** May this caller act on this site: the place features' one check, and their own words for a 403. */
class SiteScopeTest {
    private static final Caller ADMIN = caller(Role.ADMIN, null);
    private static final Caller TECHNICIAN = caller(Role.TECHNICIAN, null);
    private static final Caller MEDIATOR = caller(Role.MEDIATOR, "rozoy");
    private static final Caller MANAGER = caller(Role.MANAGER, "dizy");
    private static final Caller VIEWER = caller(Role.VIEWER, "rozoy");

    private static Caller caller(Role role, String site) {
        return new Caller(role.name().toLowerCase(java.util.Locale.ROOT), role, site, Caller.Via.SESSION, "s");
    }

    @Test
    void aListShowsASiteScopedCallerItsOwnSite() {
        assertThat(SiteScope.listed(MEDIATOR, null, PlaceBody.NOT_RUN)).isEqualTo("rozoy");
        assertThat(SiteScope.listed(MEDIATOR, "rozoy", PlaceBody.NOT_RUN)).isEqualTo("rozoy");
        assertThat(SiteScope.listed(ADMIN, null, PlaceBody.NOT_RUN)).isNull();
        assertThat(SiteScope.listed(TECHNICIAN, "dizy", PlaceBody.NOT_RUN)).isEqualTo("dizy");
        assertThat(SiteScope.listed((Caller) null, "dizy", PlaceBody.NOT_RUN)).isEqualTo("dizy");
        assertThatThrownBy(() -> SiteScope.listed(VIEWER, "dizy", PlaceBody.NOT_RUN))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.status()).isEqualTo(403))
                .hasMessage("this account does not run site dizy");
    }

    @Test
    void runningASiteIsForItsOwnMediatorOrManagerAndTheFleetRoles() {
        assertThatCode(() -> SiteScope.mayRun(MEDIATOR, "rozoy", Anonymous.REFUSED, Body.NOT_RUN))
                .doesNotThrowAnyException();
        assertThatCode(() -> SiteScope.mayRun(TECHNICIAN, "rozoy", Anonymous.REFUSED, Body.NOT_RUN))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SiteScope.mayRun(MANAGER, "rozoy", Anonymous.PASSES, PlaceBody.NOT_RUN))
                .hasMessage("this account does not run site rozoy");
        assertThatThrownBy(() -> SiteScope.mayRun(VIEWER, "rozoy", Anonymous.REFUSED, Body.NOT_RUN))
                .hasMessage("this account does not run site rozoy");
        assertThatThrownBy(() -> SiteScope.mayRun(VIEWER, null, Anonymous.REFUSED, Body.NOT_RUN))
                .hasMessage("this account does not run the van");
    }

    @Test
    void aRequestWithoutACallerPassesOnlyWhereTheFeatureSaysSo() {
        assertThatCode(() -> SiteScope.mayRun((Caller) null, "rozoy", Anonymous.PASSES, PlaceBody.NOT_RUN))
                .doesNotThrowAnyException();
        assertThatCode(() -> SiteScope.maySee((Caller) null, "rozoy", Anonymous.PASSES, Body.NOT_SEEN))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SiteScope.mayRun((Caller) null, "rozoy", Anonymous.REFUSED, Body.NOT_RUN))
                .hasMessage("log in to change this");
    }

    @Test
    void seeingASiteIsForTheFleetRolesAndTheSitesOwnAccounts() {
        assertThatCode(() -> SiteScope.maySee(VIEWER, "rozoy", Anonymous.PASSES, Body.NOT_SEEN))
                .doesNotThrowAnyException();
        assertThatCode(() -> SiteScope.maySee(ADMIN, "dizy", Anonymous.PASSES, Body.NOT_SEEN))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SiteScope.maySee(VIEWER, "dizy", Anonymous.PASSES, Body.NOT_SEEN))
                .hasMessage("this account sees site rozoy only");
    }
}
