// Package fwkit holds the terraform-plugin-framework helpers every service
// package shares, written once: the data the provider hands to resources
// (lazily built API clients), embeddable base types for resources and data
// sources, diagnostics from API errors, "gone" handling on read and delete,
// import-ID parsing, and waiting bounded by timeouts.
package fwkit
