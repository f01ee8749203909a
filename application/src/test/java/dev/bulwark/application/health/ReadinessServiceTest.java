package dev.bulwark.application.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.jobs.QueueStats;
import dev.bulwark.ports.driving.health.CheckReadiness;
import dev.bulwark.ports.driving.health.ReadinessReport;
import dev.bulwark.ports.errors.Unavailable;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ReadinessServiceTest {
    /** A queue whose only answer is {@code stats}. */
    static JobQueue queue(Supplier<QueueStats> stats) {
        return (JobQueue) Proxy.newProxyInstance(JobQueue.class.getClassLoader(), new Class<?>[] {JobQueue.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("stats")) {
                        return stats.get();
                    }
                    throw new AssertionError(method.getName() + " was not expected");
                });
    }

    @Test
    void readyWhenTheQueueAnswersWithItsDepthLagAndDeadLetters() {
        CheckReadiness readiness = HealthFactory.checkReadiness(queue(() -> new QueueStats(7, 3, 2, 1, Duration.ofSeconds(42))));

        assertThat(readiness.check()).isEqualTo(new ReadinessReport(true, true, true, 7, Duration.ofSeconds(42), 1, null));
    }

    @Test
    void anIdleQueueIsReadyWithNoLag() {
        assertThat(HealthFactory.checkReadiness(queue(() -> new QueueStats(0, 0, 0, 0, Duration.ZERO))).check())
                .isEqualTo(new ReadinessReport(true, true, true, 0, Duration.ZERO, 0, null));
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsNotReadyAndSaysSoWithoutItsDetails() {
        CheckReadiness readiness = HealthFactory.checkReadiness(queue(() -> {
            throw new Unavailable("connection to jdbc:postgresql://db.internal:5432/bulwark refused");
        }));

        ReadinessReport report = readiness.check();

        assertThat(report.ready()).isFalse();
        assertThat(report.database()).isFalse();
        assertThat(report.jobQueue()).isFalse();
        assertThat(report.queueDepth()).isZero();
        assertThat(report.queueLag()).isEqualTo(Duration.ZERO);
        assertThat(report.problem()).isNotBlank().doesNotContain("jdbc").doesNotContain("db.internal");
    }

    @Test
    void anyFailureOfTheQueueIsAReportNeverAnException() {
        CheckReadiness readiness = HealthFactory.checkReadiness(queue(() -> {
            throw new IllegalStateException("pool closed");
        }));

        assertThat(readiness.check().ready()).isFalse();
    }
}
