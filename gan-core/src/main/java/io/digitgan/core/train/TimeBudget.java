package io.digitgan.core.train;

/**
 * A run's training-time budget: after each epoch, whether another epoch as long as the mean so
 * far would still end within it. The run's time before a resume counts (it is kept in the
 * checkpoints), so a resumed run ends where it would have ended.
 */
final class TimeBudget {

    private final double budgetSeconds;
    private final double secondsBefore;
    private long sessionStart;
    private int sessionEpochs;

    /** @param minutes the budget (0 or less: none) */
    TimeBudget(double minutes, double secondsBefore) {
        this.budgetSeconds = minutes * 60;
        this.secondsBefore = secondsBefore;
    }

    void start() {
        sessionStart = System.nanoTime();
        sessionEpochs = 0;
    }

    /** Training time of the run before this session (from the checkpoint it resumed). */
    double secondsBefore() {
        return secondsBefore;
    }

    /** Training time of the run so far, earlier sessions included. */
    double elapsedSeconds() {
        return secondsBefore + (System.nanoTime() - sessionStart) / 1e9;
    }

    /** Records an epoch's end; true when the next one would not end within the budget. */
    boolean epochEndedAndNoRoomForAnother() {
        sessionEpochs++;
        if (budgetSeconds <= 0) {
            return false;
        }
        double session = (System.nanoTime() - sessionStart) / 1e9;
        return secondsBefore + session + session / sessionEpochs > budgetSeconds;
    }
}
