// Package fwkit holds the terraform-plugin-framework helpers every service
// package shares, written once: the data the provider hands to resources
// (lazily built API clients), embeddable base types for resources and data
// sources, diagnostics from API errors, "gone" handling on read and delete,
// the warning of a destroy that cannot delete its object, the check at plan
// time of the settings of the service an object needs, import-ID parsing,
// waiting bounded by timeouts, and what a create does when its object is
// already there (the import block, or adoption with adopt_existing).
package fwkit
