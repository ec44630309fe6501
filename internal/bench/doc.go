// Package bench measures the tenant provider at scale against Terraform's
// own floor, for `make bench` (cmd/tenant-bench) and BENCHMARKS.md.
//
// One run builds the provider (and the no-op provider of package
// noopprovider), starts the emulator in-process on loopback, and for each
// size N applies, plans (unchanged) and destroys four generated estates
// with the real terraform CLI:
//
//   - WorkloadFloor: N terraform_data resources (built into Terraform, no
//     provider), the floor every provider pays;
//   - WorkloadPluginFloor: N resources of a framework provider that does no
//     I/O, the floor of any plugin provider (a diagnostic, not a target);
//   - WorkloadCryptrOrgs: N tenant_cryptr_organization resources;
//   - WorkloadMixed: N resources across the three services (see MixFor).
//
// Every timed command runs with -parallelism=10. Around each one the
// emulator's request counts are reset and read back (requests per resource,
// logins per service), and a /proc sampler records the peak resident memory
// (VmHWM) and the CPU time of every provider process and of terraform
// itself. With Options.Diagnose, each plugin plan runs a second time with
// the plugin SDK's logs off (QuietSDKEnv), reported apart.
//
// The pure parts (HCL generation, VmHWM parsing, request classification,
// target verdicts and rendering) are unit tested; the CLI is only run by
// tests when TF_ACC is set.
package bench
