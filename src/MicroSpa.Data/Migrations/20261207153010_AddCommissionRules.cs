using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddCommissionRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commission_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider_id = table.Column<Guid>(type: "uuid", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    services_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    retail_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    after_discounts = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commission_rules", x => x.id);
                    table.CheckConstraint("ck_commission_rules_percents", "services_percent BETWEEN 0 AND 100 AND retail_percent BETWEEN 0 AND 100 AND effective_from BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'");
                    table.ForeignKey(
                        name: "fk_commission_rules_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commission_rules_users_created_by",
                        column: x => x.created_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commission_rules_created_by",
                table: "commission_rules",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_commission_rules_provider_id_effective_from_created_at",
                table: "commission_rules",
                columns: new[] { "provider_id", "effective_from", "created_at" });

            // A new rate is a new rule (decision 058): nobody changes or deletes one; the app's role is refused both by DatabaseRoles.
            migrationBuilder.Sql("REVOKE UPDATE, DELETE, TRUNCATE ON commission_rules FROM PUBLIC;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commission_rules");
        }
    }
}
