package fr.relais.bench.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DayScalingTest {
    @Test
    void perMessageWorkIsScaledByTheSimulatedTimeAndIdleWorkByTheRealDay() {
        // 300 s at 288x = one simulated day. Idle: 0.01 CPU s and 1 000 bytes a second.
        DayScaling.Measure idle = new DayScaling.Measure(60, 0.6, 60_000);
        DayScaling.Measure run = new DayScaling.Measure(300, 30 + 3, 50_000_000 + 300_000);
        DayScaling.Day day = DayScaling.toRealDay(run, idle, 288);
        assertThat(day.perMessageCpuSeconds()).isCloseTo(30, within(1e-9));
        assertThat(day.idleCpuSeconds()).isCloseTo(864, within(1e-9));
        assertThat(day.cpuPercent()).isCloseTo((30 + 864) / 86_400.0 * 100, within(1e-9));
        assertThat(day.perMessageBytes()).isCloseTo(50_000_000, within(1e-3));
        assertThat(day.idleBytes()).isCloseTo(86_400_000, within(1e-3));
        assertThat(day.writtenBytes()).isCloseTo(136_400_000, within(1e-3));
    }

    @Test
    void halfADayCountsTwice() {
        DayScaling.Measure idle = new DayScaling.Measure(60, 0, 0);
        DayScaling.Day day = DayScaling.toRealDay(new DayScaling.Measure(150, 5, 1_000_000), idle, 288);
        assertThat(day.perMessageCpuSeconds()).isCloseTo(10, within(1e-9));
        assertThat(day.writtenBytes()).isCloseTo(2_000_000, within(1e-3));
    }

    @Test
    void atRealTimeItIsTheRunExtrapolated() {
        DayScaling.Measure idle = new DayScaling.Measure(60, 0.6, 6_000);
        DayScaling.Day day = DayScaling.toRealDay(new DayScaling.Measure(3_600, 72, 720_000), idle, 1);
        assertThat(day.cpuPercent()).isCloseTo(72 / 3_600.0 * 100, within(1e-9));
        assertThat(day.writtenBytes()).isCloseTo(720_000 * 24.0, within(1e-3));
    }

    @Test
    void aNoisyIdleAgentNeverMakesMessagesCostLessThanNothing() {
        DayScaling.Measure idle = new DayScaling.Measure(10, 1, 10_000);
        DayScaling.Day day = DayScaling.toRealDay(new DayScaling.Measure(10, 0.5, 0), idle, 100);
        assertThat(day.perMessageCpuSeconds()).isZero();
        assertThat(day.perMessageBytes()).isZero();
        assertThat(day.idleCpuSeconds()).isCloseTo(8_640, within(1e-9));
    }

    @Test
    void refusesMeaninglessMeasures() {
        assertThatThrownBy(() -> new DayScaling.Measure(0, 1, 1)).hasMessageContaining("positive duration");
        assertThatThrownBy(() -> new DayScaling.Measure(1, -1, 1)).hasMessageContaining("negative");
        DayScaling.Measure one = new DayScaling.Measure(1, 0, 0);
        assertThatThrownBy(() -> DayScaling.toRealDay(one, one, 0.5)).hasMessageContaining("at least 1");
    }
}
