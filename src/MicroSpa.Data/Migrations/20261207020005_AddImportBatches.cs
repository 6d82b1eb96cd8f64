using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddImportBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    source_key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    file_name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    content_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    confirmed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    confirmed_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "imported_rows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    row_key = table.Column<string>(type: "character varying(88)", maxLength: 88, nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created = table.Column<bool>(type: "boolean", nullable: false),
                    previous_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    previous_phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    previous_date_of_birth = table.Column<DateOnly>(type: "date", nullable: true),
                    previous_notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imported_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_imported_rows_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_imported_rows_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_confirmed_at",
                table: "import_batches",
                column: "confirmed_at");

            migrationBuilder.CreateIndex(
                name: "ix_imported_rows_batch_id",
                table: "imported_rows",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_imported_rows_client_id",
                table: "imported_rows",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_imported_rows_source_key_row_key",
                table: "imported_rows",
                columns: new[] { "source_key", "row_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "imported_rows");

            migrationBuilder.DropTable(
                name: "import_batches");
        }
    }
}
