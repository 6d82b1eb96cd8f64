namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>A client's records ready to be written: the archive's file name and what writes it into the response.</summary>
public sealed record RecordsDownload(string FileName, Func<Stream, CancellationToken, Task> WriteAsync)
{
    public const string ContentType = "application/zip";

    /// <summary>The audit action of every export of a client's records; its detail says who asked (<see cref="ByClient"/> or <see cref="InPerson"/>).</summary>
    public const string AuditAction = "records.export";

    public const string ByClient = "client";

    /// <summary>Produced by the medical director for a client who asked in person (decision 041).</summary>
    public const string InPerson = "in person";
}
