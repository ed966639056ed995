namespace QueryEngine.Tpch;

/// <summary>
/// dbgen's 300 MiB pool of pseudo-text: sentences from the dists.dss grammar, drawn from stream 5 once,
/// from which every comment column takes a random substring. Immutable once built; share one instance
/// between generators (building it costs a couple of seconds).
/// </summary>
public sealed class TpchTextPool
{
    /// <summary>dbgen's TEXT_POOL_SIZE.</summary>
    public const int Size = 300 * 1024 * 1024;

    private const int MaxSentence = 256;

    private TpchTextPool(byte[] bytes) => Bytes = bytes;

    internal byte[] Bytes { get; }

    /// <summary>Builds the pool from the embedded distributions.</summary>
    public static TpchTextPool Create() => Create(DistributionSet.LoadEmbedded());

    internal static TpchTextPool Create(DistributionSet dists)
    {
        var pool = GC.AllocateUninitializedArray<byte>(Size);
        var builder = new SentenceBuilder(dists, StreamCatalog.Seeds[StreamCatalog.TextPool]);
        Span<byte> sentence = stackalloc byte[MaxSentence];
        var length = 0;
        while (length < Size)
        {
            var sentenceLength = builder.Sentence(sentence);
            var needed = Size - length;
            if (needed >= sentenceLength + 1)
            {
                sentence[..sentenceLength].CopyTo(pool.AsSpan(length));
                pool[length + sentenceLength] = (byte)' ';
                length += sentenceLength + 1;
            }
            else
            {
                sentence[..needed].CopyTo(pool.AsSpan(length));
                length += needed;
            }
        }

        return new TpchTextPool(pool);
    }

    /// <summary>
    /// dbgen's dbg_text: a substring of the pool at a random offset with a random length in [min, max];
    /// two draws from <paramref name="stream"/>.
    /// </summary>
    internal ReadOnlySpan<byte> Text(RowStreams streams, int min, int max, int stream)
    {
        var offset = streams.Random(0, Size - max, stream);
        var length = streams.Random(min, max, stream);
        return Bytes.AsSpan((int)offset, (int)length);
    }

    /// <summary>dbgen's TEXT(avg) bounds: [(int)(avg·0.4), (int)(avg·1.6)].</summary>
    internal static (int Min, int Max) Bounds(int average) => ((int)(average * 0.4), (int)(average * 1.6));

    /// <summary>Writes one grammar sentence (txt_sentence) with one LCG, as the pool preload does.</summary>
    private sealed class SentenceBuilder(DistributionSet dists, long seed)
    {
        private readonly (Distribution Words, byte Punctuation)[][] _nounPhrases = ParseForms(dists.NounPhrases, dists);
        private readonly (Distribution Words, byte Punctuation)[][] _verbPhrases = ParseForms(dists.VerbPhrases, dists);
        private long _seed = seed;

        public int Sentence(Span<byte> dest)
        {
            var form = dists.Grammar.Tokens[dists.Grammar.Pick(ref _seed)];
            var pos = 0;
            foreach (var c in form)
            {
                switch (c)
                {
                    case 'V':
                        pos += Phrase(dists.VerbPhrases, _verbPhrases, dest[pos..]);
                        break;
                    case 'N':
                        pos += Phrase(dists.NounPhrases, _nounPhrases, dest[pos..]);
                        break;
                    case 'P':
                        pos += Word(dists.Prepositions, dest[pos..]);
                        " the "u8.CopyTo(dest[pos..]);
                        pos += 5;
                        pos += Phrase(dists.NounPhrases, _nounPhrases, dest[pos..]);
                        break;
                    case 'T':
                        // terminators abut the previous word: overwrite its trailing space
                        pos--;
                        pos += Word(dists.Terminators, dest[pos..]);
                        break;
                    default:
                        break;
                }
            }

            return pos;
        }

        private int Phrase(Distribution forms, (Distribution Words, byte Punctuation)[][] parsed, Span<byte> dest)
        {
            var form = parsed[forms.Pick(ref _seed)];
            var pos = 0;
            foreach (var (words, punctuation) in form)
            {
                pos += Word(words, dest[pos..]);
                if (punctuation != 0)
                {
                    dest[pos++] = punctuation;
                }

                dest[pos++] = (byte)' ';
            }

            return pos;
        }

        private static (Distribution Words, byte Punctuation)[][] ParseForms(Distribution forms, DistributionSet dists)
        {
            var result = new (Distribution, byte)[forms.Count][];
            for (var i = 0; i < forms.Count; i++)
            {
                var tokens = forms.Tokens[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                result[i] = new (Distribution, byte)[tokens.Length];
                for (var t = 0; t < tokens.Length; t++)
                {
                    var token = tokens[t];
                    var source = token[0] switch
                    {
                        'A' => dists.Articles,
                        'J' => dists.Adjectives,
                        'D' => dists.Adverbs,
                        'N' => dists.Nouns,
                        'V' => dists.Verbs,
                        'X' => dists.Auxiliaries,
                        _ => throw new InvalidOperationException($"dists.dss: unknown part of speech '{token}'"),
                    };
                    result[i][t] = (source, token.Length > 1 ? (byte)token[1] : (byte)0);
                }
            }

            return result;
        }

        private int Word(Distribution words, Span<byte> dest)
        {
            var word = words.Utf8[words.Pick(ref _seed)];
            word.CopyTo(dest);
            return word.Length;
        }
    }
}
