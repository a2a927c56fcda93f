/**
 * How the served models do with real users, measured online: the error of predicted ratings that users later
 * rate themselves ({@link org.movierec.serving.quality.OnlineQuality}), exported to Prometheus.
 */
package org.movierec.serving.quality;
