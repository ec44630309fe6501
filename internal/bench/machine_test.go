package bench

import "testing"

func TestParseMachineFiles(t *testing.T) {
	cpuinfo := "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n"
	if got := ParseCPUModel([]byte(cpuinfo)); got != "Intel(R) Xeon(R) CPU @ 2.20GHz" {
		t.Errorf("ParseCPUModel = %q", got)
	}
	if got := ParseCPUModel([]byte("processor : 0\n")); got != "" {
		t.Errorf("ParseCPUModel without a model = %q", got)
	}
	if got := ParseMemTotal([]byte("MemTotal:       24576000 kB\nMemFree:  1 kB\n")); got != 24576000 {
		t.Errorf("ParseMemTotal = %d", got)
	}
	if got := ParseLoadAverage([]byte("2.18 6.20 7.00 3/812 12345\n")); got != 2.18 {
		t.Errorf("ParseLoadAverage = %v", got)
	}
	if got := ParseLoadAverage(nil); got != 0 {
		t.Errorf("ParseLoadAverage(nil) = %v", got)
	}
	if got := parseOSRelease([]byte("NAME=\"Ubuntu\"\nPRETTY_NAME=\"Ubuntu 24.04 LTS\"\n")); got != "Ubuntu 24.04 LTS" {
		t.Errorf("parseOSRelease = %q", got)
	}
}
