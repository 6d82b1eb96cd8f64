using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Csv;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The columns of an uploaded file, each with a few of its values and the field it would fill: the upload's mapping when
/// the Admin already chose one, else what its source remembers for that header, else the guess from the header's name.
/// </summary>
public static class MappingPage
{
    public const int Samples = 3;

    public sealed record Column(int Index, string Header, IReadOnlyList<string> Samples, ClientField Field, bool Remembered);

    public sealed record Result(
        Guid UploadId, string SourceName, string FileName, int Rows, string EncodingName, char Separator, IReadOnlyList<Column> Columns,
        bool DayFirst, bool SourceKnown);

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, IOptions<ClinicOptions> clinic)
    {
        /// <param name="uploadId">The upload.</param>
        /// <param name="posted">The fields a refused form posted (shown again as they were), or null.</param>
        /// <param name="postedDayFirst">The date order the refused form posted.</param>
        /// <param name="cancellationToken">Cancels the query.</param>
        /// <returns>Null when there is no such upload of this Admin's (or it expired).</returns>
        public async Task<Result?> HandleAsync(Guid uploadId, IReadOnlyList<string>? posted, bool? postedDayFirst, CancellationToken cancellationToken)
        {
            if (await Uploads.FindAsync(db, uploadId, actor.UserId, clock.GetUtcNow(), cancellationToken) is not { } upload)
            {
                return null;
            }

            var key = ImportSource.KeyOf(upload.SourceName);
            var source = await db.ImportSources.AsNoTracking().SingleOrDefaultAsync(s => s.NameKey == key, cancellationToken);
            var chosen = posted ?? upload.Fields;
            ClientField? Remembered(string header) =>
                source?.FieldFor(header) is { } field && Enum.TryParse<ClientField>(field, out var known) ? known : null;
            var proposed = chosen is null
                ? ClientFields.Propose(upload.Headers, Remembered)
                : [.. upload.Headers.Select((_, i) => i < chosen.Count && Enum.TryParse<ClientField>(chosen[i], out var f) ? f : ClientField.None)];

            var rows = ImportFile.Read(upload.Content).Sheet?.Rows ?? [];
            var columns = upload.Headers.Select((header, i) => new Column(
                i, header,
                [.. rows.Select(r => r.Cell(i).Trim()).Where(v => v.Length > 0).Take(Samples)],
                proposed[i], chosen is null && Remembered(header) is not null)).ToList();
            var dayFirst = postedDayFirst ?? (upload.Fields is not null ? upload.DayFirst : source?.DayFirst ?? ClinicWritesDayFirst());
            return new Result(upload.Id, upload.SourceName, upload.FileName, upload.RowCount, upload.EncodingName, upload.Separator[0], columns,
                dayFirst, source is not null);
        }

        private bool ClinicWritesDayFirst() =>
            clinic.Value.CultureInfo.DateTimeFormat.ShortDatePattern.TrimStart().StartsWith('d');
    }
}
