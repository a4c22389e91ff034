using System.Buffers.Text;
using System.Text;

namespace SgDesigner.Core.Answers;

/// <summary>
/// A growing UTF-8 buffer handed out in chunks of about 64 KiB: an answer of millions of lines is written piece by
/// piece without a string per line. The caller takes a chunk at a line boundary when <see cref="Full"/>.
/// </summary>
internal sealed class Utf8Chunks
{
    private const int ChunkSize = 64 * 1024;
    private byte[] _buffer = new byte[ChunkSize + 4096];
    private int _length;

    /// <summary>True when a chunk's worth is written.</summary>
    public bool Full => _length >= ChunkSize;

    /// <summary>What was written since the last take; valid until the next append.</summary>
    public ReadOnlyMemory<byte> Take()
    {
        var chunk = new ReadOnlyMemory<byte>(_buffer, 0, _length);
        _length = 0;
        return chunk;
    }

    public Utf8Chunks Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        return this;
    }

    public Utf8Chunks Append(string text)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        return this;
    }

    public Utf8Chunks Append(int number)
    {
        Reserve(11);
        Utf8Formatter.TryFormat(number, _buffer.AsSpan(_length), out var written);
        _length += written;
        return this;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }
}
