// Package cryptr holds the provider's Cryptr resources and data sources.
package cryptr
