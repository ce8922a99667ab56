import { defineConfig } from "prisma/config";

// Only `prisma generate` runs here: migrations are SQL applied by dbmate (scripts/migrate.ts),
// because the schema engine cannot be downloaded on our machines.
export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/siar" },
});
