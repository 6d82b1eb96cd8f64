using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportAppointments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "import_uploads",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Clients");

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "import_batches",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Clients");

            migrationBuilder.CreateTable(
                name: "import_name_maps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    name_key = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    target_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_name_maps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "imported_appointments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    row_key = table.Column<string>(type: "character varying(88)", maxLength: 88, nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    appointment_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imported_appointments", x => x.id);
                    table.ForeignKey(
                        name: "fk_imported_appointments_appointments_appointment_id",
                        column: x => x.appointment_id,
                        principalTable: "appointments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_imported_appointments_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_name_maps_source_key_kind_name_key",
                table: "import_name_maps",
                columns: new[] { "source_key", "kind", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_imported_appointments_appointment_id",
                table: "imported_appointments",
                column: "appointment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_imported_appointments_batch_id",
                table: "imported_appointments",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_imported_appointments_source_key_row_key",
                table: "imported_appointments",
                columns: new[] { "source_key", "row_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_name_maps");

            migrationBuilder.DropTable(
                name: "imported_appointments");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "import_uploads");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "import_batches");
        }
    }
}
