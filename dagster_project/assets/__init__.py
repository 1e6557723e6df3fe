"""The asset graph: templates -> catalogs -> completion, compliance -> bundles -> release."""
