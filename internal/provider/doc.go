// Package provider implements the tenant Terraform provider: its
// configuration (one optional block per service, each setting also read from
// an environment variable) and the list of resources and data sources that
// the per-service sub-packages contribute.
package provider
