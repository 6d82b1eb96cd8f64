using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <summary>
    /// PostgreSQL itself refuses double bookings: for appointments that still hold their time,
    /// no two may share a provider, a room or a device over overlapping [start, end + buffer) ranges.
    /// This is the last line against races between two bookings checked at the same moment.
    /// </summary>
    public partial class AddAppointmentOverlapConstraints : Migration
    {
        private const string HoldsTime = "status NOT IN ('Cancelled', 'NoShow')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var resource in new[] { "provider", "room", "device" })
            {
                migrationBuilder.Sql($"""
                    ALTER TABLE appointments ADD CONSTRAINT ex_appointments_{resource}_overlap
                    EXCLUDE USING gist ({resource}_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&)
                    WHERE ({HoldsTime});
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var resource in new[] { "provider", "room", "device" })
            {
                migrationBuilder.Sql($"ALTER TABLE appointments DROP CONSTRAINT ex_appointments_{resource}_overlap;");
            }
        }
    }
}
