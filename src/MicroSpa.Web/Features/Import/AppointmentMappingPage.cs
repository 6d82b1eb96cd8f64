using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Csv;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The columns of an appointments upload, each with a few of its values and the field it would fill: the upload's mapping
/// when the Admin chose one, else what its source remembers for that header, else the guess from the header's name.
/// </summary>
public static class AppointmentMappingPage
{
    public sealed record Column(int Index, string Header, IReadOnlyList<string> Samples, AppointmentField Field);

    public sealed record Result(
        Guid UploadId, string SourceName, string FileName, int Rows, string EncodingName, IReadOnlyList<Column> Columns, bool DayFirst, bool SourceKnown);

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, IOptions<ClinicOptions> clinic)
    {
        /// <param name="uploadId">The upload.</param>
        /// <param name="posted">The fields a refused form posted (shown again as they were), or null.</param>
        /// <param name="postedDayFirst">The date order the refused form posted.</param>
        /// <param name="cancellationToken">Cancels the query.</param>
        /// <returns>Null when there is no such appointments upload of this Admin's (or it expired).</returns>
        public async Task<Result?> HandleAsync(Guid uploadId, IReadOnlyList<string>? posted, bool? postedDayFirst, CancellationToken cancellationToken)
        {
            if (await Uploads.FindAsync(db, uploadId, actor.UserId, clock.GetUtcNow(), cancellationToken, ImportKind.Appointments) is not { } upload)
            {
                return null;
            }

            var key = ImportSource.KeyOf(upload.SourceName);
            var source = await db.ImportSources.AsNoTracking().SingleOrDefaultAsync(s => s.NameKey == key, cancellationToken);
            var chosen = posted ?? upload.Fields;
            AppointmentField? Remembered(string header) =>
                source?.FieldFor(AppointmentRows.HeaderPrefix + header) is { } field && Enum.TryParse<AppointmentField>(field, out var known) ? known : null;
            var proposed = chosen is null
                ? AppointmentFields.Propose(upload.Headers, Remembered)
                : [.. upload.Headers.Select((_, i) => i < chosen.Count && Enum.TryParse<AppointmentField>(chosen[i], out var f) ? f : AppointmentField.None)];
            var rows = ImportFile.Read(upload.Content).Sheet?.Rows ?? [];
            var columns = upload.Headers.Select((header, i) => new Column(
                i, header, [.. rows.Select(r => r.Cell(i).Trim()).Where(v => v.Length > 0).Take(MappingPage.Samples)], proposed[i])).ToList();
            var dayFirst = postedDayFirst ?? (upload.Fields is not null ? upload.DayFirst
                : source?.DayFirst ?? clinic.Value.CultureInfo.DateTimeFormat.ShortDatePattern.TrimStart().StartsWith('d'));
            return new Result(upload.Id, upload.SourceName, upload.FileName, upload.RowCount, upload.EncodingName, columns, dayFirst, source is not null);
        }
    }
}
