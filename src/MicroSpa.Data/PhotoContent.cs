namespace MicroSpa.Data;

/// <summary>The bytes of a photo, kept apart from its description (the store an object store can replace).</summary>
public sealed class PhotoContent
{
    public Guid PhotoId { get; set; }
    public byte[] Bytes { get; set; } = [];
}
