"""Language models behind one Protocol: providers, the model registry, prices, config."""
