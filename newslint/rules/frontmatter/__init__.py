"""Front-matter rules (FM): YAML reading problems, schema checks and derived fields."""
