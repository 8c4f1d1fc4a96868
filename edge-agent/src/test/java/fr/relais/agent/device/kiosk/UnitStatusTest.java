package fr.relais.agent.device.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UnitStatusTest {
    @Test
    void readsWhatSystemctlShowPrintsAndIgnoresOtherProperties() {
        UnitStatus status = UnitStatus.parse("""
                ActiveState=active\r
                SubState=running
                LoadState=loaded
                NRestarts=7
                ExecMainStatus=0
                ExecMainCode=0
                ExecMainPID=1234
                ExecMainStartTimestamp=Mon 2026-11-30 09:00:01 CET
                Description=Relais kiosk = the screen
                """);

        assertThat(status).isEqualTo(new UnitStatus("active", "running", "loaded", OptionalLong.of(7), "",
                OptionalLong.of(0), OptionalLong.of(1234)));
        assertThat(status.active()).isTrue();
    }

    @Test
    void namesHowTheMainProcessEnded() {
        assertThat(UnitStatus.parse("ActiveState=failed\nExecMainCode=1\nExecMainStatus=2").exitCode()).isEqualTo("exited");
        assertThat(UnitStatus.parse("ActiveState=failed\nExecMainCode=2\nExecMainStatus=9").exitCode()).isEqualTo("killed");
        assertThat(UnitStatus.parse("ActiveState=failed\nExecMainCode=3\nExecMainStatus=6").exitCode()).isEqualTo("dumped");
        assertThat(UnitStatus.parse("ActiveState=inactive\nNRestarts=\n").restarts()).isEmpty();
    }

    @Test
    void refusesWhatIsNotSystemctlShowOutput() {
        assertThatIllegalArgumentException().isThrownBy(() -> UnitStatus.parse(""))
                .withMessage("no ActiveState in it");
        assertThatIllegalArgumentException().isThrownBy(() -> UnitStatus.parse("=active"))
                .withMessage("line 1 is not Property=value: '=active'");
        assertThatIllegalArgumentException().isThrownBy(() -> UnitStatus.parse("ActiveState=active\nExecMainPID=-1"))
                .withMessage("ExecMainPID is '-1', not a whole number");
        assertThatIllegalArgumentException().isThrownBy(() -> UnitStatus.parse("ActiveState=active\n".repeat(1_001)))
                .withMessage("more than 1000 lines");
        assertThatIllegalArgumentException().isThrownBy(() -> UnitStatus.parse("ActiveState=" + "a".repeat(100)))
                .withMessageContaining("not a state such as active");
    }
}
