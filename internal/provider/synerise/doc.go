// Package synerise holds the provider's Synerise data sources, resources and
// ephemeral resources.
package synerise
