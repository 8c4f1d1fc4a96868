package fr.relais.kiosk.ui;

import fr.relais.kiosk.agent.AgentState;
import fr.relais.kiosk.agent.KioskAgent;
import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.content.Times;
import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * What every screen may use: navigation, the agent, the clock (moved by tests), the configuration
 * and the visitor's session (what must stop at the wipe).
 */
record ScreenContext(Navigator navigator, KioskAgent agent, Clock clock, KioskConfig config, VisitorSession session) {

    ScreenContext(Navigator navigator, KioskAgent agent, Clock clock, KioskConfig config) {
        this(navigator, agent, clock, config, new VisitorSession());
    }

    AgentState state() {
        return agent.state();
    }

    ZonedDateTime now() {
        return clock.instant().atZone(Times.PARIS);
    }
}
