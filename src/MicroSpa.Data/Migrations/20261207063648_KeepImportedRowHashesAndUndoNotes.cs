using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeepImportedRowHashesAndUndoNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "content_hash",
                table: "imported_rows",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "has_imported",
                table: "imported_rows",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "imported_date_of_birth",
                table: "imported_rows",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "imported_email",
                table: "imported_rows",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "imported_notes",
                table: "imported_rows",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "imported_phone",
                table: "imported_rows",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "line",
                table: "imported_rows",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "duplicates_created",
                table: "import_batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "duplicates_merged",
                table: "import_batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "duplicates_skipped",
                table: "import_batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string[]>(
                name: "undo_notes",
                table: "import_batches",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            // An undone batch's rows are new again (an undo now removes them): those kept by undos before this are removed.
            migrationBuilder.Sql("DELETE FROM imported_rows r USING import_batches b WHERE r.batch_id = b.id AND b.undone_at IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "content_hash",
                table: "imported_rows");

            migrationBuilder.DropColumn(
                name: "has_imported",
                table: "imported_rows");

            migrationBuilder.DropColumn(
                name: "imported_date_of_birth",
                table: "imported_rows");

            migrationBuilder.DropColumn(
                name: "imported_email",
                table: "imported_rows");

            migrationBuilder.DropColumn(
                name: "imported_notes",
                table: "imported_rows");

            migrationBuilder.DropColumn(
                name: "imported_phone",
                table: "imported_rows");

            migrationBuilder.DropColumn(
                name: "line",
                table: "imported_rows");

            migrationBuilder.DropColumn(
                name: "duplicates_created",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "duplicates_merged",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "duplicates_skipped",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "undo_notes",
                table: "import_batches");
        }
    }
}
