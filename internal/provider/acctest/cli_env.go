package acctest

// SetEnv sets an environment variable for the next terraform runs of c
// (replacing the emulator's value of the same name, if any).
func (c *CLI) SetEnv(name, value string) {
	c.env = append(c.env, name+"="+value)
}
