package fr.relais.agent.device.scanner;

import java.util.Optional;

/**
 * What a scanner said in one {@code ScannerStatus} document.
 *
 * @param state      {@code idle}, {@code processing}, {@code testing} (warming up), {@code stopped},
 *                   {@code down}, or {@code unknown} for anything else
 * @param adfState   its document feeder's state without the {@code ScannerAdf} prefix, in kebab
 *                   case ({@code loaded}, {@code empty}, {@code jam}, {@code door-open}…); empty
 *                   without a feeder
 * @param jobs       the jobs it lists (recent ones, finished or not)
 * @param activeJobs those pending or being scanned
 * @param version    its eSCL version ({@code pwg:Version}), empty when it does not say
 */
record ScannerStatus(String state, Optional<String> adfState, int jobs, int activeJobs, String version) {
}
