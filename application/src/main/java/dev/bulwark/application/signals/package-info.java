/**
 * Webhook signals: the hot path that authenticates a webhook, limits it, reads its body (JSON or TradingView's
 * text) into a signal and stores it with its processing job before answering; and the workers' side, turning a queued
 * signal into orders exactly once (sizing, the risk decision, placement under one client order id per intent, the
 * receipt), and watching protective orders the venue does not hold natively.
 */
@NullMarked
package dev.bulwark.application.signals;

import org.jspecify.annotations.NullMarked;
