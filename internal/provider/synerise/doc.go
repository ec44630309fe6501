// Package synerise holds the provider's Synerise data sources.
package synerise
