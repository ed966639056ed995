namespace QueryEngine.Tpch;

/// <summary>dbgen's 48 column streams: their initial seeds and per-row draw budgets, and which table owns them.</summary>
internal static class StreamCatalog
{
    public const int StreamCount = 48;

    public const int PartMfgr = 0;
    public const int PartBrand = 1;
    public const int PartType = 2;
    public const int PartSize = 3;
    public const int PartContainer = 4;
    public const int TextPool = 5;
    public const int PartComment = 6;
    public const int PartSuppQuantity = 7;
    public const int PartSuppCost = 8;
    public const int PartSuppComment = 9;
    public const int OrderSupp = 10;
    public const int OrderClerk = 11;
    public const int OrderComment = 12;
    public const int OrderDate = 13;
    public const int LineQuantity = 14;
    public const int LineDiscount = 15;
    public const int LineTax = 16;
    public const int LineInstruct = 17;
    public const int LineShipMode = 18;
    public const int LinePartKey = 19;
    public const int LineSuppNumber = 20;
    public const int LineShipDate = 21;
    public const int LineCommitDate = 22;
    public const int LineReceiptDate = 23;
    public const int LineReturnFlag = 24;
    public const int LineComment = 25;
    public const int CustAddress = 26;
    public const int CustNation = 27;
    public const int CustPhone = 28;
    public const int CustBalance = 29;
    public const int CustSegment = 30;
    public const int CustComment = 31;
    public const int SuppAddress = 32;
    public const int SuppNation = 33;
    public const int SuppPhone = 34;
    public const int SuppBalance = 35;
    public const int SuppComment = 36;
    public const int PartName = 37;
    public const int OrderPriority = 38;
    public const int LineHvar = 39;
    public const int OrderCustKey = 40;
    public const int NationComment = 41;
    public const int RegionComment = 42;
    public const int OrderLineCount = 43;
    public const int SuppBbbJunk = 44;
    public const int SuppBbbType = 45;
    public const int SuppBbbComment = 46;
    public const int SuppBbbOffset = 47;

    public static ReadOnlySpan<long> Seeds =>
    [
        1, 46831694, 1841581359, 1193163244, 727633698, 933588178, 804159733, 1671059989,
        1051288424, 1961692154, 1227283347, 1171034773, 276090261, 1066728069, 209208115, 554590007,
        721958466, 1371272478, 675466456, 1808217256, 2095021727, 1769349045, 904914315, 373135028,
        717419739, 1095462486, 881155353, 1489529863, 1521138112, 298370230, 1140279430, 1335826707,
        706178559, 110356601, 884434366, 962338209, 1341315363, 709314158, 591449447, 431918286,
        851767375, 606179079, 1500869201, 1434868289, 263032577, 753643799, 202794285, 715851524,
    ];

    public static ReadOnlySpan<int> Budgets =>
    [
        1, 1, 1, 1, 1, 1, 2, 4,
        4, 8, 1, 1, 2, 1, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7,
        7, 14, 9, 1, 3, 1, 1, 2,
        9, 1, 3, 1, 2, 92, 1, 1,
        1, 2, 2, 1, 1, 1, 1, 1,
    ];

    public static readonly int[] PartStreams =
        [PartMfgr, PartBrand, PartType, PartSize, PartContainer, PartComment, PartName, PartSuppQuantity, PartSuppCost, PartSuppComment];

    public static readonly int[] SupplierStreams =
        [SuppAddress, SuppNation, SuppPhone, SuppBalance, SuppComment, SuppBbbJunk, SuppBbbType, SuppBbbComment, SuppBbbOffset];

    public static readonly int[] CustomerStreams =
        [CustAddress, CustNation, CustPhone, CustBalance, CustSegment, CustComment];

    public static readonly int[] OrderStreams =
    [
        OrderSupp, OrderClerk, OrderComment, OrderDate, OrderPriority, OrderCustKey, OrderLineCount,
        LineQuantity, LineDiscount, LineTax, LineInstruct, LineShipMode, LinePartKey, LineSuppNumber,
        LineShipDate, LineCommitDate, LineReceiptDate, LineReturnFlag, LineComment, LineHvar,
    ];

    public static readonly int[] NationStreams = [NationComment];

    public static readonly int[] RegionStreams = [RegionComment];
}
