package bench

import (
	"fmt"
	"strings"
)

// Workload is one kind of generated estate.
type Workload int

// The workloads of a run, in the order they run and are reported.
const (
	// WorkloadFloor is N terraform_data resources: Terraform's own cost
	// for N resources, without any provider.
	WorkloadFloor Workload = iota
	// WorkloadPluginFloor is N benchnoop_organization resources of the
	// no-op framework provider (internal/bench/noopprovider): the cost of
	// any plugin provider, without API calls.
	WorkloadPluginFloor
	// WorkloadCryptrOrgs is N tenant_cryptr_organization resources.
	WorkloadCryptrOrgs
	// WorkloadMixed is N resources across the three services (MixFor).
	WorkloadMixed
)

// Workloads lists every workload in run order.
var Workloads = []Workload{WorkloadFloor, WorkloadPluginFloor, WorkloadCryptrOrgs, WorkloadMixed}

// String returns the short name used in logs and directory names.
func (w Workload) String() string {
	switch w {
	case WorkloadFloor:
		return "floor"
	case WorkloadPluginFloor:
		return "noop-plugin"
	case WorkloadCryptrOrgs:
		return "cryptr-orgs"
	case WorkloadMixed:
		return "mixed"
	}
	return fmt.Sprintf("workload(%d)", int(w))
}

// Label returns the row label used in reports.
func (w Workload) Label() string {
	switch w {
	case WorkloadFloor:
		return "terraform_data (floor)"
	case WorkloadPluginFloor:
		return "no-op plugin"
	case WorkloadCryptrOrgs:
		return "cryptr organizations"
	case WorkloadMixed:
		return "mixed estate"
	}
	return w.String()
}

// UsesProvider reports whether the workload needs the tenant provider.
func (w Workload) UsesProvider() bool { return w == WorkloadCryptrOrgs || w == WorkloadMixed }

// UsesPlugin reports whether the workload runs a plugin provider (the
// tenant provider or the no-op one).
func (w Workload) UsesPlugin() bool { return w != WorkloadFloor }

// Mix is how many resources of each type a mixed estate holds.
type Mix struct {
	// CryptrOrgs is the number of tenant_cryptr_organization resources.
	CryptrOrgs int
	// CryptrWebhooks is the number of tenant_cryptr_webhook resources; the
	// i-th webhook points at (and depends on) the i-th organization.
	CryptrWebhooks int
	// CyrismaInstances is the number of tenant_cyrisma_instance resources
	// (customer instances under the partner's root organization).
	CyrismaInstances int
	// CyrismaUsers is the number of tenant_cyrisma_user resources (users of
	// the partner's root organization).
	CyrismaUsers int
	// SyneriseAllowlists is the number of tenant_synerise_ip_allowlist
	// resources: 1 (a workspace has a single IP policy).
	SyneriseAllowlists int
}

// Total is the number of resources of the mix.
func (m Mix) Total() int {
	return m.CryptrOrgs + m.CryptrWebhooks + m.CyrismaInstances + m.CyrismaUsers + m.SyneriseAllowlists
}

// MixFor returns the mixed estate of exactly n resources (n >= 5): one
// Synerise IP allowlist, then 40% Cryptr organizations, 20% Cryptr
// webhooks, 25% Cyrisma instances (each rounded to the nearest integer),
// and the rest (about 15%, one less for the allowlist) Cyrisma users.
func MixFor(n int) Mix {
	if n < 5 {
		n = 5
	}
	pct := func(p int) int { return max((n*p+50)/100, 1) }
	m := Mix{CryptrOrgs: pct(40), CryptrWebhooks: pct(20), CyrismaInstances: pct(25), SyneriseAllowlists: 1}
	m.CyrismaUsers = n - m.CryptrOrgs - m.CryptrWebhooks - m.CyrismaInstances - m.SyneriseAllowlists
	// At the smallest sizes rounding leaves no user: give up organizations
	// (never fewer than webhooks), then instances.
	for m.CyrismaUsers < 1 && m.CryptrOrgs > m.CryptrWebhooks {
		m.CryptrOrgs--
		m.CyrismaUsers++
	}
	for m.CyrismaUsers < 1 && m.CyrismaInstances > 1 {
		m.CyrismaInstances--
		m.CyrismaUsers++
	}
	return m
}

// String describes the mix, such as "40 cryptr orgs, 20 webhooks, ...".
func (m Mix) String() string {
	return fmt.Sprintf("%d Cryptr organizations, %d Cryptr webhooks, %d Cyrisma instances, %d Cyrisma users, %d Synerise IP allowlist",
		m.CryptrOrgs, m.CryptrWebhooks, m.CyrismaInstances, m.CyrismaUsers, m.SyneriseAllowlists)
}

// ConfigParams are the inputs of Config.
type ConfigParams struct {
	// Workload is the estate to generate.
	Workload Workload
	// N is the number of resources.
	N int
	// Tag makes every name unique to one (N, repeat) run, such as
	// "n100-r1"; lowercase letters, digits and dashes.
	Tag string
	// CyrismaParentID is the ID of the Cyrisma organization instance that
	// holds the mixed estate's instances and users (the partner's root).
	CyrismaParentID string
}

// Count returns how many managed resources the configuration declares.
func (p ConfigParams) Count() int {
	if p.Workload == WorkloadMixed {
		return MixFor(p.N).Total()
	}
	return p.N
}

// Config returns the Terraform configuration (one main.tf) of the estate,
// formatted as `terraform fmt` would. Every resource block uses count, so
// the text does not grow with N; names embed Tag and the zero-padded index.
func Config(p ConfigParams) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Generated by tenant-bench: %s, N = %d, tag %q.\n", p.Workload.Label(), p.N, p.Tag)
	label := strings.ToUpper(p.Tag[:1]) + p.Tag[1:]
	switch p.Workload {
	case WorkloadFloor:
		b.WriteString(`terraform {
  required_version = ">= 1.11"
}
`)
		fmt.Fprintf(&b, `
resource "terraform_data" "item" {
  count = %d
  input = format("bench-%s-data-%%04d", count.index)
}
`, p.N, p.Tag)
	case WorkloadPluginFloor:
		b.WriteString(noopHeader)
		fmt.Fprintf(&b, `
resource "benchnoop_organization" "org" {
  count                 = %d
  name                  = format("Bench %s noop %%04d", count.index)
  allowed_email_domains = ["bench.example"]
}
`, p.N, label)
	case WorkloadCryptrOrgs:
		b.WriteString(providerHeader)
		fmt.Fprintf(&b, `
resource "tenant_cryptr_organization" "org" {
  count                 = %d
  name                  = format("Bench %s org %%04d", count.index)
  allowed_email_domains = ["bench.example"]
}
`, p.N, label)
	case WorkloadMixed:
		m := MixFor(p.N)
		b.WriteString(providerHeader)
		fmt.Fprintf(&b, `
variable "cyrisma_parent_instance_id" {
  description = "The partner's root organization instance."
  type        = string
  default     = %q
}

resource "tenant_cryptr_organization" "org" {
  count                 = %d
  name                  = format("Bench %s mixed org %%04d", count.index)
  allowed_email_domains = ["bench.example"]
}

resource "tenant_cryptr_webhook" "hook" {
  count       = %d
  name        = format("Bench %s webhook %%04d", count.index)
  target_url  = "https://hooks.bench.example/${tenant_cryptr_organization.org[count.index].domain}"
  event_codes = ["dir_sync.all"]
}

resource "tenant_cyrisma_instance" "customer" {
  count              = %d
  parent_instance_id = var.cyrisma_parent_instance_id
  instance_type      = "standard"
  name               = format("Bench %s customer %%04d", count.index)
  short_name         = format("B%%04d", count.index)
  country            = "US"
  email              = format("it+%s-%%04d@bench.example", count.index)
  mfa_method         = "authenticator"
}

resource "tenant_cyrisma_user" "user" {
  count       = %d
  instance_id = var.cyrisma_parent_instance_id
  username    = format("bench.%s.%%04d@msp.bench.example", count.index)
  first_name  = "Bench"
  last_name   = format("User %%04d", count.index)
}

resource "tenant_synerise_ip_allowlist" "workspace" {
  count                  = %d
  enabled                = true
  enable_support_subnets = false
  ip_policy              = ["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"]
}
`, p.CyrismaParentID, m.CryptrOrgs, label, m.CryptrWebhooks, label, m.CyrismaInstances, label, p.Tag,
			m.CyrismaUsers, p.Tag, m.SyneriseAllowlists)
	}
	return b.String()
}

// providerHeader declares the tenant provider, configured entirely from
// the environment (the emulator's variables).
const providerHeader = `terraform {
  required_version = ">= 1.11"
  required_providers {
    tenant = {
      source = "tenantops/tenant"
    }
  }
}

provider "tenant" {}
`

// noopHeader declares the no-op provider of the plugin floor.
const noopHeader = `terraform {
  required_version = ">= 1.11"
  required_providers {
    benchnoop = {
      source = "tenantops/benchnoop"
    }
  }
}

provider "benchnoop" {}
`
