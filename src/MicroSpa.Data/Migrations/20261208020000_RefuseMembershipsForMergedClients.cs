using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroSpa.Data.Migrations
{
    /// <summary>
    /// Memberships are moved by the client merge (ClientReferences), so they get the merge's trigger as every such table
    /// does (RefuseWorkForMergedClients, decision 045): a membership started for a record merged meanwhile is refused.
    /// SQL only: the model does not change.
    /// </summary>
    [DbContext(typeof(MicroSpaDbContext))]
    [Migration("20261208020000_RefuseMembershipsForMergedClients")]
    public partial class RefuseMembershipsForMergedClients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE TRIGGER memberships_client_not_merged BEFORE INSERT OR UPDATE OF client_id ON memberships FOR EACH ROW EXECUTE FUNCTION client_not_merged('refuse');");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP TRIGGER memberships_client_not_merged ON memberships;");
    }
}
