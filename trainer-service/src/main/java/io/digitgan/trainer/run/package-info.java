/** Runs: starting, resuming, stopping, and what they publish. */
package io.digitgan.trainer.run;
