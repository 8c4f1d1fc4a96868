package fr.relais.agent.device.kiosk;

import java.util.OptionalLong;

/**
 * Tells from one status to the next whether the unit started a new process: systemd's restart
 * count went up (the kiosk crashed or exited, and {@code Restart=always} brought it back), or its
 * main process changed (anyone restarted it). Both may go unseen between two polls otherwise: the
 * unit is active before and after.
 */
final class UnitRuns {
    private OptionalLong restarts = OptionalLong.empty();
    private OptionalLong mainPid = OptionalLong.empty();

    /**
     * @param crashes  how many times systemd restarted it since the last status, if it did
     * @param newRun   it runs another process than at the last status
     */
    record Change(OptionalLong crashes, boolean newRun) {
    }

    synchronized Change observe(UnitStatus status) {
        OptionalLong crashes = OptionalLong.empty();
        boolean newRun = false;
        if (status.restarts().isPresent()) {
            long now = status.restarts().getAsLong();
            // The count starts again from 0 when the unit is started by hand (systemctl restart).
            if (restarts.isPresent() && now > restarts.getAsLong()) {
                crashes = OptionalLong.of(now - restarts.getAsLong());
                newRun = true;
            }
            restarts = status.restarts();
        }
        if (status.mainPid().isPresent() && status.mainPid().getAsLong() > 0) {
            newRun |= mainPid.isPresent() && mainPid.getAsLong() != status.mainPid().getAsLong();
            mainPid = status.mainPid();
        }
        return new Change(crashes, newRun);
    }
}
