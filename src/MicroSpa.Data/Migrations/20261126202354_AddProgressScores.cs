using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddProgressScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "progress_scores",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    treatment_record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    area_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    scale = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    provider_score = table.Column<int>(type: "integer", nullable: true),
                    client_rating = table.Column<int>(type: "integer", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_scores", x => x.id);
                    table.CheckConstraint("ck_progress_scores_client_rating", "client_rating BETWEEN 1 AND 5");
                    table.CheckConstraint("ck_progress_scores_provider_score", "provider_score BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_progress_scores_treatment_records_treatment_record_id",
                        column: x => x.treatment_record_id,
                        principalTable: "treatment_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_progress_scores_client_id_body_area_id",
                table: "progress_scores",
                columns: new[] { "client_id", "body_area_id" });

            migrationBuilder.CreateIndex(
                name: "ix_progress_scores_treatment_record_id_body_area_id",
                table: "progress_scores",
                columns: new[] { "treatment_record_id", "body_area_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "progress_scores");
        }
    }
}
