"""Evaluation on the real labelled data set (../shared/data/real) and on generated data."""
