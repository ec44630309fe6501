package emulator_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestReadmeShowsTheExampleSeed keeps the README's worked example in step
// with examples/emulator/seed.json, which the other tests load.
func TestReadmeShowsTheExampleSeed(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, found := strings.Cut(string(readme), "(examples/emulator/seed.json)")
	_, block, opened := strings.Cut(section, "```json\n")
	block, _, closed := strings.Cut(block, "```")
	if !found || !opened || !closed {
		t.Fatal("README.md has no ```json block after its link to examples/emulator/seed.json")
	}
	file, err := os.ReadFile(exampleSeed)
	if err != nil {
		t.Fatal(err)
	}
	var inReadme, inFile any
	if err := json.Unmarshal([]byte(block), &inReadme); err != nil {
		t.Fatalf("the README's seed is not JSON: %v", err)
	}
	if err := json.Unmarshal(file, &inFile); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(inReadme, inFile) {
		t.Errorf("the README's seed differs from %s", exampleSeed)
	}
}
