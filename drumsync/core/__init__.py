"""The pure rules engine: numpy + stdlib only, no pygame, no wall clock, no global RNG."""
