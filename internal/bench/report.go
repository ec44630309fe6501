package bench

import (
	"encoding/json"
	"errors"
	"time"
)

// Report is the outcome of one Run.
type Report struct {
	// Date is when the run started.
	Date time.Time
	// Wall is the run's total wall time (build included).
	Wall time.Duration
	// Machine is where it ran.
	Machine Machine
	// Sizes are the values of N.
	Sizes []int
	// Repeat is the number of runs of each cycle.
	Repeat int
	// Parallelism is terraform's -parallelism.
	Parallelism int
	// SampleInterval is the /proc sampling period.
	SampleInterval time.Duration
	// LogLevel is TF_LOG during the run ("" when off).
	LogLevel string
	// Diagnose says whether the diagnostic quiet-SDK plans ran.
	Diagnose bool
	// Command is the command line that produced the report, if known.
	Command string
	// Results holds one Result per size and workload, sizes in order.
	Results []Result
}

// MarshalReport encodes a report as indented JSON, the raw figures that
// UnmarshalReport reads back to render the report again without running.
func MarshalReport(r *Report) ([]byte, error) { return json.MarshalIndent(r, "", " ") }

// UnmarshalReport decodes a report written by MarshalReport.
func UnmarshalReport(data []byte) (*Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	if len(r.Sizes) == 0 || len(r.Results) == 0 {
		return nil, errors.New("not a tenant-bench report: no sizes or no results")
	}
	return &r, nil
}
