using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <summary>
    /// A client record merged into another (a tombstone, decision 045) takes no new row, enforced by PostgreSQL for the
    /// races the app's own checks cannot see (a booking saved while the merge commits). The foreign key alone does not: its
    /// check finds the tombstone's row, which still exists. A trigger on every table whose rows the merge moves reads the
    /// client row FOR KEY SHARE, so it waits for a merge holding that row FOR UPDATE and then sees it as the merge committed
    /// it (READ COMMITTED): work for a tombstone is refused (check_violation, constraint ck_client_not_merged, the message
    /// naming the kept id); a payment fact (what the provider already did) is recorded under the kept record instead.
    /// </summary>
    public partial class RefuseWorkForMergedClients : Migration
    {
        /// <summary>Work for a client: refused when it names a tombstone (ClientReferences.MovedBySql and appointments).</summary>
        private static readonly string[] Refused =
        [
            "appointments", "booking_drafts", "screenings", "consent_signatures", "waitlist_entries", "treatment_records", "aftercare_plans",
            "treatment_plans", "progress_scores", "photos", "medical_clearances", "invoices",
        ];

        /// <summary>Insert-only payment facts (what the provider did, what the client accepted): never refused, they follow the tombstone.</summary>
        private static readonly string[] Followed = ["online_checkouts", "online_payments", "payment_disputes", "policy_acceptances"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION client_not_merged() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                  kept uuid;
                BEGIN
                  IF NEW.client_id IS NULL OR (TG_OP = 'UPDATE' AND NEW.client_id = OLD.client_id) THEN
                    RETURN NEW;
                  END IF;
                  -- Waits for a merge that holds the client row FOR UPDATE, then reads the row as the merge committed it.
                  SELECT c.merged_into_id INTO kept FROM clients c WHERE c.id = NEW.client_id FOR KEY SHARE;
                  IF kept IS NULL THEN
                    RETURN NEW;
                  END IF;
                  IF TG_ARGV[0] = 'follow' THEN
                    NEW.client_id := kept;
                    RETURN NEW;
                  END IF;
                  RAISE EXCEPTION 'client record % was merged into %: % on % refused', NEW.client_id, kept, TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_client_not_merged', TABLE = TG_TABLE_NAME, DETAIL = 'kept=' || kept;
                END
                $$;
                """);
            foreach (var table in Refused)
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_client_not_merged BEFORE INSERT OR UPDATE OF client_id ON {table} FOR EACH ROW EXECUTE FUNCTION client_not_merged('refuse');");
            }

            foreach (var table in Followed)
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_client_not_merged BEFORE INSERT OR UPDATE OF client_id ON {table} FOR EACH ROW EXECUTE FUNCTION client_not_merged('follow');");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Refused.Concat(Followed))
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_client_not_merged ON {table};");
            }

            migrationBuilder.Sql("DROP FUNCTION client_not_merged();");
        }
    }
}
