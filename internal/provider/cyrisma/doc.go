// Package cyrisma holds the provider's Cyrisma resources and data sources.
package cyrisma
