namespace MicroSpa.Data;

/// <summary>One piece of a stored whole-clinic archive (decision 046): kept in PostgreSQL, so any instance serves the download.</summary>
public sealed class ClinicExportPart
{
    public Guid ExportId { get; set; }

    /// <summary>0, 1, 2...: the archive is its parts in this order.</summary>
    public int Sequence { get; set; }

    public byte[] Bytes { get; set; } = [];
}
