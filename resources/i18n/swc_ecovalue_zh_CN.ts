<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../dependencies.py" line="33" />
        <source>SWC EcoValue needs Python packages that are missing: {names}.
Debian/Ubuntu: sudo apt install python3-pip libgdal-dev libgeos-dev libproj-dev proj-bin g++ python3-dev, then python3 -m pip install --user --no-binary shapely,pyproj,rasterio,pyogrio {names} (built against the GDAL/GEOS/PROJ that QGIS uses).
Windows: open the OSGeo4W Shell and run: python -m pip install {names}
Then restart QGIS.</source>
        <translation>水土保持生态产品价值核算插件缺少以下 Python 包：{names}。
Debian/Ubuntu：sudo apt install python3-pip libgdal-dev libgeos-dev libproj-dev proj-bin g++ python3-dev，然后运行 python3 -m pip install --user --no-binary shapely,pyproj,rasterio,pyogrio {names}（基于 QGIS 所用的 GDAL/GEOS/PROJ 编译）。
Windows：打开 OSGeo4W Shell，运行：python -m pip install {names}
然后重启 QGIS。</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="32" />
        <source>&amp;SWC EcoValue</source>
        <translation>水土保持生态产品(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="44" />
        <source>Split trading scope into land-use parcels…</source>
        <translation>按地类图斑切分交易范围…</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="127" />
        <source>Parcels</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/base.py" line="54" />
        <source>Value accounting</source>
        <translation>价值核算</translation>
    </message>
    <message>
        <location filename="../../processing_provider/base.py" line="55" />
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../../processing_provider/base.py" line="125" />
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/environment_check.py" line="35" />
        <source>Check the Python geo stack</source>
        <translation>检查 Python 地理库</translation>
    </message>
    <message>
        <location filename="../../processing_provider/environment_check.py" line="38" />
        <source>Reports the GDAL, GEOS and PROJ versions that the plugin's Python libraries use, next to QGIS's own, and runs a small round trip through each library. Mismatched versions mean a library bundles its own GDAL/GEOS/PROJ and may give wrong results inside QGIS.</source>
        <translation>报告插件所用 Python 库的 GDAL、GEOS、PROJ 版本及 QGIS 自身的版本，并对每个库做一次小的读写检验。版本不一致说明某个库自带了 GDAL/GEOS/PROJ，在 QGIS 中可能得出错误结果。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/environment_check.py" line="62" />
        <source>rasterio uses GDAL {ours} but QGIS uses GDAL {qgis}.</source>
        <translation>rasterio 使用 GDAL {ours}，而 QGIS 使用 GDAL {qgis}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="18" />
        <source>Layer {layer} has no features (or none selected).</source>
        <translation>图层 {layer} 没有要素（或未选择任何要素）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="19" />
        <source>Layer {layer} has no CRS.</source>
        <translation>图层 {layer} 没有坐标参考系。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="20" />
        <source>Layer {layer} has no CRS. Its coordinates ({x:.0f}, {y:.0f}) suggest {hint}; set the layer's CRS and run again.</source>
        <translation>图层 {layer} 没有坐标参考系。其坐标（{x:.0f}, {y:.0f}）提示可能是 {hint}；请设置图层坐标参考系后重新运行。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="22" />
        <source>Layer {layer} has no field {field}.</source>
        <translation>图层 {layer} 没有字段 {field}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="23" />
        <source>Lots {fids} of layer {layer} have no {field}.</source>
        <translation>图层 {layer} 中的地块范围 {fids} 缺少 {field}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="24" />
        <source>Lot ids {ids} occur more than once in layer {layer}.</source>
        <translation>图层 {layer} 中交易范围编号 {ids} 重复出现。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="25" />
        <source>Layer {layer} has no polygon geometry.</source>
        <translation>图层 {layer} 没有面状几何。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="26" />
        <source>Lots overlap in layer {layer}: {pairs}.</source>
        <translation>图层 {layer} 中交易范围相互重叠：{pairs}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="27" />
        <source>No parcel of layer {player} intersects layer {slayer}.</source>
        <translation>图层 {player} 中没有图斑与图层 {slayer} 相交。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="28" />
        <source>Every piece is smaller than MIN_AREA = {min} m².</source>
        <translation>所有切分结果都小于最小面积 MIN_AREA = {min} 平方米。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="29" />
        <source>Unknown land-use codes {codes} in parcels {parcels}. Add them to the code table or keep them as class 'unknown'.</source>
        <translation>图斑 {parcels} 含有未知地类编码 {codes}。请将其加入地类编码表，或将其保留为"未知"类型。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="112" />
        <source>Repaired invalid geometries: {scope} in {slayer}, {parcels} in {player}.</source>
        <translation>已修复无效几何：{slayer} 中 {scope} 个，{player} 中 {parcels} 个。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="113" />
        <source>Layer {layer} was reprojected from {src} to {dst}.</source>
        <translation>图层 {layer} 已从 {src} 投影转换到 {dst}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="114" />
        <source>Layer {layer} is in geographic {crs}; areas are computed on the ellipsoid.</source>
        <translation>图层 {layer} 为地理坐标系 {crs}；面积按椭球面计算。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="115" />
        <source>Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel.</source>
        <translation>交易范围 {lot}：有 {m2:.2f} 平方米（{pct:.2f} %）未被任何图斑覆盖。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="116" />
        <source>Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel. Was the lot drawn on an offset web basemap?</source>
        <translation>交易范围 {lot}：有 {m2:.2f} 平方米（{pct:.2f} %）未被任何图斑覆盖。是否在有偏移的网络底图上绘制了范围？</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="118" />
        <source>Parcels share BSM values ({ids}); their ids got the feature id appended.</source>
        <translation>多个图斑标识码（BSM）相同（{ids}）；其地块编号已追加要素号。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="119" />
        <source>Geometry area vs TBMJ: mean deviation {mean:.4%}, max {max:.4%}, {n} parcels over 1 %.</source>
        <translation>几何面积与图斑面积（TBMJ）比较：平均偏差 {mean:.4%}，最大 {max:.4%}，{n} 个图斑偏差超过 1 %。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="121" />
        <source>Dropped {n} slivers below {min} m² ({area:.3f} m² in all); kept {kept}.</source>
        <translation>已剔除 {n} 个小于 {min} 平方米的碎片（共 {area:.3f} 平方米）；保留 {kept} 个。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="122" />
        <source>Dropped {n} non-polygon geometry parts.</source>
        <translation>已剔除 {n} 个非面状几何部分。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="43" />
        <source>Forest</source>
        <translation>林地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="43" />
        <source>Shrub</source>
        <translation>灌木林</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="43" />
        <source>Orchard / tea</source>
        <translation>园地（果园/茶园）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="44" />
        <source>Cropland</source>
        <translation>旱地/水浇地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="44" />
        <source>Paddy</source>
        <translation>水田</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="44" />
        <source>Grassland</source>
        <translation>草地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="45" />
        <source>Wetland / water</source>
        <translation>湿地/水域</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="45" />
        <source>Built-up</source>
        <translation>建设用地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="45" />
        <source>Bare</source>
        <translation>裸地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="46" />
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="125" />
        <source>SWC EcoValue default style</source>
        <translation>水土保持生态产品默认样式</translation>
    </message>
    <message>
        <location filename="../../processing_provider/provider.py" line="41" />
        <source>SWC EcoValue</source>
        <translation>水土保持生态产品</translation>
    </message>
    <message>
        <location filename="../../processing_provider/provider.py" line="44" />
        <source>Soil and water conservation ecological products: accounting and trading</source>
        <translation>水土保持生态产品价值核算与交易</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="36" />
        <source>Split trading scope into land-use parcels</source>
        <translation>按地类图斑切分交易范围</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="39" />
        <source>Cuts each lot of the proposed trading scope (拟交易范围) by the Third National Land Survey land-use parcels (三调 DLTB 地类图斑). Every output feature is one lot ∩ one parcel, in the parcels' CRS, with PARCEL_ID = SCOPE_ID-BSM, the parcel's fields, the ellipsoidal area in m², mu (亩 = m² × 15 / 10000) and ha, the share of the source parcel, TBDLMJ and KCMJ pro-rated by that share, and the ecosystem type of the land-use code. Invalid geometries are repaired and counted; slivers below the minimum area are dropped and counted.</source>
        <translation>用第三次全国国土调查地类图斑（三调 DLTB）切分拟交易范围的每个地块范围。每个输出要素为一个交易范围与一个图斑的交集，采用图斑图层的坐标参考系，包含地块编号 PARCEL_ID = SCOPE_ID-BSM、图斑原有字段、椭球面积（平方米、亩（= 平方米 × 15 / 10000）、公顷）、占来源图斑的比例、按该比例分摊的图斑地类面积（TBDLMJ）和扣除地类面积（KCMJ），以及地类编码对应的生态系统类型。无效几何会被修复并计数；小于最小面积的碎片会被剔除并计数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="49" />
        <source>Trading scope (lots)</source>
        <translation>拟交易范围</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="49" />
        <source>Polygons of the proposed trading scope; each feature is one lot.</source>
        <translation>拟交易范围面图层；每个要素为一个交易范围。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="52" />
        <source>Land-use parcels (三调 DLTB)</source>
        <translation>地类图斑（三调 DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="52" />
        <source>The land-use parcel layer; only the land-use field is required, 三调 fields are carried when present.</source>
        <translation>地类图斑图层；仅地类编码字段为必需，存在的三调字段会一并保留。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="56" />
        <source>Lot id field</source>
        <translation>交易范围编号字段</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="56" />
        <source>Field of the scope layer holding the lot id; empty: S&lt;feature id&gt;.</source>
        <translation>交易范围图层中存放编号的字段；为空时使用 S&lt;要素号&gt;。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="59" />
        <source>Land-use code field</source>
        <translation>地类编码字段</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="59" />
        <source>Field of the parcel layer with the land-use code (GB/T 21010-2017 or 三调 working codes), matched case-insensitively.</source>
        <translation>图斑图层中的地类编码字段（GB/T 21010-2017 或三调工作分类编码），不区分大小写。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="62" />
        <source>Minimum piece area (m²)</source>
        <translation>最小面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="62" />
        <source>Pieces smaller than this are dropped as slivers and counted.</source>
        <translation>小于此面积的切分结果作为碎片剔除并计数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="65" />
        <source>Keep unknown land-use codes</source>
        <translation>保留未知地类编码</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="65" />
        <source>Keep parcels whose code is not in the code table, with ecosystem type 'unknown', instead of stopping with an error.</source>
        <translation>保留编码不在地类编码表中的图斑，生态系统类型记为"未知"，而不是报错停止。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="68" />
        <source>Parcels in the trading scope</source>
        <translation>交易范围内地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="68" />
        <source>The parcel pieces (GeoPackage by default; Shapefile gets a UTF-8 .cpg and a .qml with aliases).</source>
        <translation>切分后的地块（默认 GeoPackage；Shapefile 输出附带 UTF-8 .cpg 和含字段别名的 .qml）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="72" />
        <source>Number of parcels</source>
        <translation>地块数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="73" />
        <source>Total area (m²)</source>
        <translation>总面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="90" />
        <source>Reading layers</source>
        <translation>正在读取图层</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="107" />
        <source>Writing parcels</source>
        <translation>正在写入地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="118" />
        <source>{n} parcels, {m2:.2f} m² ({mu:.2f} mu) in all.</source>
        <translation>共 {n} 个地块，{m2:.2f} 平方米（{mu:.2f} 亩）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="328" />
        <source>checking geometries</source>
        <translation>正在检查几何</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="329" />
        <source>checking lots for overlaps</source>
        <translation>正在检查交易范围是否重叠</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="330" />
        <source>intersecting</source>
        <translation>正在求交</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="331" />
        <source>measuring ellipsoidal areas</source>
        <translation>正在计算椭球面积</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="332" />
        <source>building attributes</source>
        <translation>正在生成属性</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="333" />
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="38" />
        <source>Rainfall erosivity R</source>
        <translation>降雨侵蚀力因子 R</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="38" />
        <source>R in MJ·mm/(hm²·h·a). Empty: the parameter table's constant (Chongqing mean 5,784.04).</source>
        <translation>R，单位 MJ·mm/(hm²·h·a)。为空时取参数表中的常数（重庆市多年平均 5,784.04）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="40" />
        <source>Soil erodibility K (SI)</source>
        <translation>土壤可蚀性因子 K（国际单位）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="40" />
        <source>K in SI units t·hm²·h/(hm²·MJ·mm). Values above 0.1 look like US customary units (multiply by 0.1317) and are warned about. Empty: the parameter table's constant.</source>
        <translation>K，国际单位 t·hm²·h/(hm²·MJ·mm)。大于 0.1 的值像是美制单位（需乘以 0.1317），会给出警告。为空时取参数表中的常数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="43" />
        <source>Digital elevation model</source>
        <translation>数字高程模型</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="43" />
        <source>Elevation in metres, used to derive LS (CSLE: Foster segmented L, McCool/Liu S) when LS_FACTOR is not given; for watershed-sized runs.</source>
        <translation>高程（米），未提供 LS_FACTOR 时用于推求 LS（CSLE：Foster 分段坡长 L、McCool/刘宝元坡度 S）；适用于小流域尺度计算。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="46" />
        <source>Slope length and steepness LS</source>
        <translation>坡长坡度因子 LS</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="46" />
        <source>An LS grid (e.g. from the national soil-erosion monitoring); defines the working grid.</source>
        <translation>LS 栅格（如全国水土流失动态监测成果）；并作为计算工作栅格。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="48" />
        <source>C·P factor</source>
        <translation>C·P 因子</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="48" />
        <source>When given, replaces the product B·E·T in every cell (like USLE's C·P).</source>
        <translation>提供时，在每个栅格单元中替代 B·E·T 的乘积（类似 USLE 的 C·P）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="123" />
        <source>Fractional vegetation cover (0–1)</source>
        <translation>植被覆盖度（0–1）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="50" />
        <source>Gives B by 蔡崇法's relation (cover in percent): B = 1 at 0 %, 0.6508 − 0.3436·lg f below 78.3 %, 0 above. Empty: B by land-use type from the parameter table.</source>
        <translation>按蔡崇法公式计算 B（覆盖度以百分数计）：覆盖度为 0 时 B = 1，低于 78.3 % 时 B = 0.6508 − 0.3436·lg f，不低于 78.3 % 时 B = 0。为空时按参数表中的土地利用类型取 B。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="54" />
        <source>Net primary productivity</source>
        <translation>植被净初级生产力</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="54" />
        <source>NPP raster in the units chosen in NPP_UNITS; gives CO₂ fixed (1.63 t per t dry matter) and O₂ released (1.19).</source>
        <translation>NPP 栅格，单位见 NPP_UNITS；据此计算固定 CO₂（每吨干物质 1.63 吨）和释放 O₂（1.19 吨）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="56" />
        <source>Annual precipitation (mm)</source>
        <translation>年降水量（毫米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="56" />
        <source>For water conservation Q = (P − α·P − ET)·A.</source>
        <translation>用于水源涵养量 Q = (P − α·P − ET)·A。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="57" />
        <source>Annual evapotranspiration (mm)</source>
        <translation>年蒸散发量（毫米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="57" />
        <source>For water conservation and climate regulation.</source>
        <translation>用于水源涵养和气候调节。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="58" />
        <source>Annual storm-day rainfall (mm)</source>
        <translation>年暴雨降水量（毫米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="58" />
        <source>Rainfall of days ≥ 50 mm, for vegetation flood regulation.</source>
        <translation>日降水量 ≥ 50 毫米的降水总量，用于植被洪水调蓄。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="60" />
        <source>Baseline C·P (before treatment)</source>
        <translation>治理前 C·P 因子</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="60" />
        <source>C·P before the soil-and-water-conservation measures (治理前).</source>
        <translation>实施水土保持措施前（治理前）的 C·P。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="62" />
        <source>Baseline vegetation cover (before treatment)</source>
        <translation>治理前植被覆盖度</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="62" />
        <source>Cover before the measures; empty: the current cover, with terraces back to sloping land (E = 1).</source>
        <translation>措施实施前的覆盖度；为空时取现状覆盖度，并将梯田还原为坡地（E = 1）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="73" />
        <source>Account parcel values (material, regulating, cultural)</source>
        <translation>地块价值核算（物质供给、调节服务、文化服务）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="76" />
        <source>Accounts the annual value (元/a) of every parcel in three classes — material supply (物质供给), regulating services (调节服务) and cultural services (文化服务) — with the soil conservation of CSLE (A_p = R·K·L·S, A = R·K·L·S·B·E·T, Q = A_p − A, summed per cell with partial cells weighted by covered fraction), water conservation, flood regulation, carbon and oxygen, air and water purification, climate regulation, products and recreation. Every number comes from the versioned parameter table (unit, price year, source, evidence) and is listed in the provenance output. V_TOT_LO and V_TOT_HI price the same quantities with the low and high price sets; DV_TOTAL is the increment created by the soil-and-water-conservation measures against the baseline (治理前). Accounted value is not an appraised value nor a price.</source>
        <translation>逐地块核算物质供给、调节服务和文化服务三类年价值（元/年）：土壤保持按中国土壤流失方程 CSLE 计算（A_p = R·K·L·S，A = R·K·L·S·B·E·T，Q = A_p − A，逐栅格单元求和，边缘单元按覆盖比例加权），另含水源涵养、洪水调蓄、固碳释氧、空气净化、水质净化、气候调节、物质产品和休闲旅游。所有数值均来自带版本的参数表（单位、价格年份、来源、证据等级），并列入溯源表输出。V_TOT_LO 和 V_TOT_HI 为同一功能量按低价和高价参数计算的价值；DV_TOTAL 为相对治理前基准由水土保持措施带来的价值增量。核算价值既不是评估价值，也不是交易价格。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="89" />
        <source>Parcels to value, usually the output of the split algorithm; input fields are kept.</source>
        <translation>待核算地块，通常为切分算法的输出；保留输入字段。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="58" />
        <source>Field with the land-use code (matched case-insensitively).</source>
        <translation>地类编码字段（不区分大小写）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="97" />
        <source>NPP units</source>
        <translation>NPP 单位</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="97" />
        <source>g C/m²/a</source>
        <translation>克碳/平方米/年</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="97" />
        <source>g dry matter/m²/a</source>
        <translation>克干物质/平方米/年</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="97" />
        <source>Units of the NPP raster; carbon is converted to dry matter with the parameter c_to_dry_matter (0.45 t C per t).</source>
        <translation>NPP 栅格的单位；碳按参数 c_to_dry_matter（每吨干物质含碳 0.45 吨）换算为干物质。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="101" />
        <source>Visitors table</source>
        <translation>游客表</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="101" />
        <source>Table with SCOPE_ID, VISITORS (per year), SPEND_PER_VISIT (元) and optionally PRICE_YEAR; the lot's recreation value is allocated to its parcels by area × attractiveness weight.</source>
        <translation>包含 SCOPE_ID、VISITORS（年游客人次）、SPEND_PER_VISIT（人均花费，元）及可选 PRICE_YEAR 的表；交易范围的休闲旅游价值按面积 × 吸引力权重分摊到各地块。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="126" />
        <source>Parameter overrides</source>
        <translation>参数覆盖文件</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="109" />
        <source>Price year</source>
        <translation>价格基准年</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="109" />
        <source>Re-base every price to this year with the CPI rows; empty: the table's target year.</source>
        <translation>按 CPI 行把所有价格折算到该年份；为空时使用参数表的目标年份。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="116" />
        <source>Value the covered part only</source>
        <translation>仅核算有数据覆盖的部分</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="116" />
        <source>When a raster does not cover a parcel, value the covered part and report it instead of stopping with an error.</source>
        <translation>栅格未完全覆盖地块时，仅核算有覆盖的部分并报告，而不是报错停止。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="57" />
        <source>Valued parcels</source>
        <translation>地块价值核算结果</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="119" />
        <source>Parcels with quantities (Q_*), values (V_*, 元/a), class totals, range and increment.</source>
        <translation>含功能量（Q_*）、价值量（V_*，元/年）、分类合计、价值区间和增量的地块。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="121" />
        <source>Value summary</source>
        <translation>价值汇总</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="121" />
        <source>Values by land-use code, by village, by lot and by class.</source>
        <translation>按地类、村、交易范围和价值类别汇总的价值。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="124" />
        <source>Provenance</source>
        <translation>溯源表</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="124" />
        <source>Every parameter used (value, unit, price year, source, evidence), the parameter set's hash, the working grid, resampling and software version.</source>
        <translation>所用的每个参数（数值、单位、价格年份、来源、证据等级）、参数集哈希值、工作栅格、重采样方式和软件版本。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="132" />
        <source>Total value (元/a)</source>
        <translation>价值总量（元/年）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/base.py" line="144" />
        <source>Parameter overrides from {path}</source>
        <translation>参数覆盖来自 {path}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="116" />
        <source>Reading parcels</source>
        <translation>正在读取地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="82" />
        <source>Working grid: {grid}</source>
        <translation>工作栅格：{grid}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="209" />
        <source>Material supply {mat:,.0f} 元/a; regulating services {reg:,.0f} 元/a; cultural services {cul:,.0f} 元/a; total {tot:,.0f} 元/a (range {lo:,.0f}–{hi:,.0f}); increment from SWC measures {dv:,.0f} 元/a.</source>
        <translation>物质供给 {mat:,.0f} 元/年；调节服务 {reg:,.0f} 元/年；文化服务 {cul:,.0f} 元/年；合计 {tot:,.0f} 元/年（区间 {lo:,.0f}–{hi:,.0f}）；水土保持措施提升价值增量 {dv:,.0f} 元/年。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="32" />
        <source>LS factor</source>
        <translation>LS 因子</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="32" />
        <source>Slope length and steepness factor (-), from LS_FACTOR or derived from the DEM.</source>
        <translation>坡长坡度因子（无量纲），来自 LS_FACTOR 或由 DEM 推求。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="33" />
        <source>B·E·T factor</source>
        <translation>B·E·T 因子</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="33" />
        <source>Cropland E·T, other land B·E, or C·P when given (-); no data on non-eroding land (water, built-up, paddy) and outside the parcels.</source>
        <translation>耕地为 E·T，其他地类为 B·E，提供 C·P 时取 C·P（无量纲）；非侵蚀地类（水域、建设用地、水田）和地块以外为无数据。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="35" />
        <source>Potential erosion R·K·L·S</source>
        <translation>潜在侵蚀量 R·K·L·S</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="35" />
        <source>Potential soil loss A_p in t/(hm²·a).</source>
        <translation>潜在土壤侵蚀量 A_p，单位 t/(hm²·a)。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="36" />
        <source>Actual erosion R·K·L·S·B·E·T</source>
        <translation>实际侵蚀量 R·K·L·S·B·E·T</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="36" />
        <source>Actual soil loss A in t/(hm²·a).</source>
        <translation>实际土壤侵蚀量 A，单位 t/(hm²·a)。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="37" />
        <source>Erosion grade (SL 190-2007)</source>
        <translation>土壤侵蚀强度等级（SL 190-2007）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="37" />
        <source>1 微度 … 6 剧烈 from the modulus A × 100 t/(km²·a), with the 500 t/(km²·a) tolerance of the south-western purple-soil region as the first bound.</source>
        <translation>由侵蚀模数 A × 100 t/(km²·a) 分为 1 微度 … 6 剧烈，以西南紫色土区容许土壤流失量 500 t/(km²·a) 为第一级上限。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="48" />
        <source>CSLE factor and erosion rasters</source>
        <translation>CSLE 因子与侵蚀栅格</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="51" />
        <source>Writes the rasters behind the soil-conservation accounting on its working grid — LS, B·E·T, potential and actual erosion and the SL 190-2007 erosion grade — so they can be inspected on the map. Same inputs and rules as the accounting algorithm.</source>
        <translation>在核算所用的工作栅格上输出土壤保持核算背后的栅格——LS、B·E·T、潜在和实际侵蚀量以及 SL 190-2007 侵蚀强度等级——便于在地图上检查。输入和规则与价值核算算法相同。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="56" />
        <source>Parcels: their extent, land-use types (E, T, non-eroding land) and GDLX terraces.</source>
        <translation>地块：用于确定范围、地类（E、T、非侵蚀地类）和 GDLX 梯田。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="64" />
        <source>CSV overriding rows of the default parameter table.</source>
        <translation>覆盖默认参数表各行的 CSV 文件。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="32" />
        <source>No VEG_COVER raster: B taken from the land-use table (b_factor.*).</source>
        <translation>未提供植被覆盖度栅格：B 取自土地利用类型参数（b_factor.*）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="33" />
        <source>Vegetation cover must be a 0–1 fraction; the largest value is {max:g} (percent? divide by 100).</source>
        <translation>植被覆盖度应为 0–1 的比例；最大值为 {max:g}（是否为百分数？请除以 100）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="34" />
        <source>Parcel ids occur more than once in the driver table: {ids}.</source>
        <translation>驱动数据表中地块编号重复：{ids}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="35" />
        <source>The driver table lacks the column(s) {columns}.</source>
        <translation>驱动数据表缺少列 {columns}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="36" />
        <source>PARCEL_ID values occur more than once in layer {layer}: {ids}.</source>
        <translation>图层 {layer} 中 PARCEL_ID 重复：{ids}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="37" />
        <source>{factor} taken as the constant {value} from the parameter table.</source>
        <translation>{factor} 取参数表中的常数 {value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="38" />
        <source>Raster grids must be north-up without rotation (transform {transform}).</source>
        <translation>栅格必须为正北朝上且无旋转（变换参数 {transform}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="39" />
        <source>Soil erodibility K averages {mean:.4g}, which looks like US customary units; SI K = US K × {factor} (t·ha·h/(ha·MJ·mm)).</source>
        <translation>土壤可蚀性 K 的均值为 {mean:.4g}，像是美制单位；国际单位 K = 美制 K × {factor}（t·ha·h/(ha·MJ·mm)）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="40" />
        <source>Land-use code table {path} lacks columns {columns}.</source>
        <translation>地类编码表 {path} 缺少列 {columns}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="41" />
        <source>Land-use code table {path} repeats codes {codes}.</source>
        <translation>地类编码表 {path} 中编码重复：{codes}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="42" />
        <source>Land-use code table {path} has unknown eco_type {values}.</source>
        <translation>地类编码表 {path} 含有未知生态系统类型 {values}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="43" />
        <source>No raster to define the working grid: give an LS raster, a DEM or a factor raster.</source>
        <translation>没有可用于确定工作栅格的栅格：请提供 LS 栅格、DEM 或因子栅格。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="44" />
        <source>Soil conservation needs LS_FACTOR or a DEM.</source>
        <translation>土壤保持核算需要 LS_FACTOR 或 DEM。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="45" />
        <source>Parameter {key} (row {row}): evidence {value!r} is not one of {allowed}.</source>
        <translation>参数 {key}（第 {row} 行）：证据等级 {value!r} 不在 {allowed} 之中。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="46" />
        <source>Parameter file {path} needs the columns key and value; it has {columns}.</source>
        <translation>参数文件 {path} 需要 key 和 value 两列；现有列为 {columns}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="47" />
        <source>Overrides must be a CSV/JSON file, a dict or a list of rows.</source>
        <translation>覆盖参数必须是 CSV/JSON 文件、字典或行列表。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="48" />
        <source>Material product ids must be ≤ 7 letters/digits: {ids}.</source>
        <translation>物质产品编号不得超过 7 个字母或数字：{ids}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="49" />
        <source>Unknown price scenario {scenario}; use central, low or high.</source>
        <translation>未知价格方案 {scenario}；请使用 central、low 或 high。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="50" />
        <source>Parameter keys occur more than once: {keys}.</source>
        <translation>参数键重复：{keys}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="51" />
        <source>Parameter {key} holds text, not a number.</source>
        <translation>参数 {key} 是文本而不是数值。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="52" />
        <source>Parameter row {row} has no key.</source>
        <translation>参数第 {row} 行没有键。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="53" />
        <source>Parameter {key} (row {row}) has no unit.</source>
        <translation>参数 {key}（第 {row} 行）没有单位。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="54" />
        <source>Parameter {key} (row {row}) is a price but its {column} is negative ({value:g}).</source>
        <translation>参数 {key}（第 {row} 行）为价格，但其 {column} 为负值（{value:g}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="55" />
        <source>Parameter {key} must be a whole number, got {value:g}.</source>
        <translation>参数 {key} 必须为整数，实际为 {value:g}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="56" />
        <source>Parameter {key} must be 0 or 1, got {value:g}.</source>
        <translation>参数 {key} 必须为 0 或 1，实际为 {value:g}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="57" />
        <source>Parameter {key} (row {row}): expected low ≤ central ≤ high, got {low} / {value} / {high}.</source>
        <translation>参数 {key}（第 {row} 行）：应满足 低值 ≤ 中值 ≤ 高值，实际为 {low} / {value} / {high}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="58" />
        <source>Parameter {key} is not in parameter set {set_id}.</source>
        <translation>参数 {key} 不在参数集 {set_id} 中。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="59" />
        <source>Unknown parameter keys in the overrides: {keys}.</source>
        <translation>覆盖参数中含有未知参数键：{keys}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="60" />
        <source>Rainfall erosivity R averages {mean:.4g}, {ratio:.3g} times the expected {expected:.6g} MJ·mm/(ha·h·a); check its units.</source>
        <translation>降雨侵蚀力 R 的均值为 {mean:.4g}，是预期值 {expected:.6g} MJ·mm/(ha·h·a) 的 {ratio:.3g} 倍；请检查其单位。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="61" />
        <source>Rainfall erosivity R averages {mean:.4g}, about 1/17 of the expected {expected:.6g} MJ·mm/(ha·h·a): US customary units? SI R = US R × {factor}.</source>
        <translation>降雨侵蚀力 R 的均值为 {mean:.4g}，约为预期值 {expected:.6g} MJ·mm/(ha·h·a) 的 1/17：是否为美制单位？国际单位 R = 美制 R × {factor}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="62" />
        <source>Raster {path} has no band {band} (it has {count}).</source>
        <translation>栅格 {path} 没有第 {band} 波段（共 {count} 个波段）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="63" />
        <source>Raster {path} has no coordinate reference system.</source>
        <translation>栅格 {path} 没有坐标参考系。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="64" />
        <source>Raster {raster} does not cover parcels {parcels} (valid share in brackets). Extend the raster or choose to value the covered part only.</source>
        <translation>栅格 {raster} 未覆盖地块 {parcels}（括号内为有效覆盖比例）。请扩展栅格范围，或选择仅核算有数据覆盖的部分。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="65" />
        <source>Raster {raster}: only part of parcels {parcels} has data; the covered part is valued.</source>
        <translation>栅格 {raster}：地块 {parcels} 仅部分有数据；已核算有覆盖的部分。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="66" />
        <source>Unknown indicator {id}.</source>
        <translation>未知指标 {id}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="67" />
        <source>Visitors table rows need a SCOPE_ID and non-negative numbers: rows {rows}.</source>
        <translation>游客表各行需要 SCOPE_ID 和非负数值：第 {rows} 行不符合。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="68" />
        <source>The visitors table lacks the column(s) {columns}.</source>
        <translation>游客表缺少列 {columns}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="69" />
        <source>Lot {scope} has visitor rows in several price years.</source>
        <translation>交易范围 {scope} 的游客数据属于多个价格年份。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="70" />
        <source>Visitors were given for lots with no parcel: {lots}; their value is not allocated.</source>
        <translation>以下交易范围有游客数据但没有地块：{lots}；其价值未分摊。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="289" />
        <source>{indicator}: {reason} — {count} parcel(s): {parcels}.</source>
        <translation>{indicator}：{reason}——涉及 {count} 个地块：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="295" />
        <source>NPP_GC_M2 missing: npp_rate of the eco type used</source>
        <translation>缺少 NPP_GC_M2：采用该生态系统类型的 npp_rate</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="296" />
        <source>P − R − ET &lt; 0: water conservation set to 0</source>
        <translation>P − R − ET &lt; 0：水源涵养量取 0</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="297" />
        <source>actual erosion exceeds potential erosion: Q_SOIL set to 0</source>
        <translation>实际侵蚀量超过潜在侵蚀量：Q_SOIL 取 0</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="298" />
        <source>attractiveness weight cul_weight is 0 for this eco type</source>
        <translation>该生态系统类型的吸引力权重 cul_weight 为 0</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="299" />
        <source>carbon sink sold separately (carbon_sink_sold = 1): V_CO2 left out of the lot</source>
        <translation>碳汇已单独出售（carbon_sink_sold = 1）：V_CO2 不计入本交易范围</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="300" />
        <source>eco type is non-eroding or unknown (soil_conservation_excluded)</source>
        <translation>生态系统类型为非侵蚀类型或未知（soil_conservation_excluded）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="301" />
        <source>eco type not in carbon_eco_types</source>
        <translation>生态系统类型不在 carbon_eco_types 中</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="302" />
        <source>eco type not in climate_vegetation_types/climate_water_types</source>
        <translation>生态系统类型不在 climate_vegetation_types/climate_water_types 中</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="303" />
        <source>evapotranspiration ET_MM is missing</source>
        <translation>缺少蒸散发量 ET_MM</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="304" />
        <source>negative NPP counted as 0</source>
        <translation>负的 NPP 按 0 计</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="305" />
        <source>neither vegetation with a storm runoff coefficient nor a reservoir/pond water body</source>
        <translation>既不是有暴雨径流系数的植被，也不是水库/坑塘水面</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="306" />
        <source>net land-class area NET_AREA_M2 is missing</source>
        <translation>缺少图斑地类面积 NET_AREA_M2</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="307" />
        <source>net primary productivity NPP_GC_M2 is missing</source>
        <translation>缺少植被净初级生产力 NPP_GC_M2</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="308" />
        <source>no actual erosion could be computed</source>
        <translation>无法计算实际侵蚀量</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="309" />
        <source>no actual erosion: RKLSB_T (vegetation cover) and RKLSCP_T are missing</source>
        <translation>无实际侵蚀量：缺少 RKLSB_T（植被覆盖）和 RKLSCP_T</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="310" />
        <source>no air purification capacity (air_cap_so2) for this eco type</source>
        <translation>该生态系统类型没有空气净化能力参数（air_cap_so2）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="311" />
        <source>no material product is defined for this DLBM (mat_yield)</source>
        <translation>该地类编码没有定义物质产品（mat_yield）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="312" />
        <source>no potential erosion: RKLS_T is missing</source>
        <translation>无潜在侵蚀量：缺少 RKLS_T</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="313" />
        <source>no runoff coefficient (runoff_coef) for this eco type</source>
        <translation>该生态系统类型没有径流系数（runoff_coef）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="314" />
        <source>no visitors table was given</source>
        <translation>未提供游客表</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="315" />
        <source>no water purification rate (wq_removal_cod) for this eco type</source>
        <translation>该生态系统类型没有水质净化速率（wq_removal_cod）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="316" />
        <source>oxygen release is switched off (oxygen_enabled = 0)</source>
        <translation>释氧已关闭（oxygen_enabled = 0）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="317" />
        <source>parcel area is 0 or missing</source>
        <translation>地块面积为 0 或缺失</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="318" />
        <source>precipitation P_MM is missing</source>
        <translation>缺少降水量 P_MM</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="319" />
        <source>storm rainfall STORM_MM is missing</source>
        <translation>缺少暴雨降水量 STORM_MM</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="320" />
        <source>the parcel's lot has no visitors</source>
        <translation>地块所在交易范围没有游客数据</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="321" />
        <source>vegetation storm retention is switched off (flood_vegetation_enabled = 0)</source>
        <translation>植被暴雨调蓄已关闭（flood_vegetation_enabled = 0）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="334" />
        <source>filling depressions</source>
        <translation>正在填洼</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="335" />
        <source>slope and flow direction</source>
        <translation>正在计算坡度和流向</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="336" />
        <source>slope length</source>
        <translation>正在计算坡长</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="337" />
        <source>coverage fractions</source>
        <translation>正在计算覆盖比例</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="338" />
        <source>reading factors</source>
        <translation>正在读取因子</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="339" />
        <source>pricing</source>
        <translation>正在计算价值</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="105" />
        <source>CSV (key,value[,value_low,value_high,price_year,unit,source,note]) overriding rows of the default Chongqing parameter table; each override is marked as user evidence.</source>
        <translation>CSV 文件（key,value[,value_low,value_high,price_year,unit,source,note]），用于覆盖重庆默认参数表中的行；每个覆盖值的证据等级标记为"用户"。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="112" />
        <source>Value parcels whose land-use code is not in the code table as type 'unknown' (only indicators without a land-use condition apply) instead of stopping with an error.</source>
        <translation>把地类编码不在编码表中的地块按"未知"类型核算（只计算不依赖地类的指标），而不是报错停止。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="49" />
        <source>Row {row}: {field} = '{value}' — {reason}</source>
        <translation>第 {row} 行：{field} = '{value}' — {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/register_sync.py" line="119" />
        <source>Parcel {row}: {field} = '{value}' — {reason}</source>
        <translation>地块 {row}：{field} = '{value}' — {reason}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="60" />
        <source>Assign ownership and check trade eligibility</source>
        <translation>确定权属并检查交易资格</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="63" />
        <source>Records for every parcel the ownership type (国有/集体/个人), the right holder, the investor and its priority operating right, the seller with its unified social credit code or resident ID number, and the dispute status with the right holders' consent (确定出让主体). Values come from the input layer, the project register, an assignment table (CSV, XLSX or any layer, keyed by PARCEL_ID or BSM) and, optionally, the 三调 fields (QSXZ → ownership type, QSDWMC → right holder, QSDWDM → holder code). A parcel is eligible for trade when it has an ownership type, a right holder and a seller with a valid identifier, and its dispute status is 'no dispute', or 'resolved' with consent; unclear or disputed rights exclude it. State-owned parcels are flagged for state-asset appraisal. Every row of the table is checked first: when one is bad, each problem is listed and nothing is applied. Identifiers are masked in the log.</source>
        <translation>为每个地块记录权属类型（国有/集体/个人）、权利人、投资主体及其优先经营权、出让主体及其统一社会信用代码或居民身份证号码，以及权属争议状态和权利人同意情况（确定出让主体）。取值来自输入图层、项目登记库、权属确认表（CSV、XLSX 或任意图层，以 PARCEL_ID 或 BSM 为键），并可选用三调字段（QSXZ → 权属类型，QSDWMC → 权利人，QSDWDM → 权利人代码）。地块有权属类型、权利人和持有效证件号码的出让主体，且争议状态为"无争议"，或"已解决"并经权利人同意时，方可交易；权属不清或有争议的地块不得交易。国有地块标记为需进行国有资产评估。算法先检查表格的每一行：只要有一行有误，就逐条列出问题，不做任何修改。日志中的证件号码均已脱敏。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="77" />
        <source>Parcels with PARCEL_ID (and BSM), usually the output of the split or the accounting; ownership fields already present are kept unless the register or the table changes them.</source>
        <translation>带 PARCEL_ID（及 BSM）的地块，通常为切分或价值核算的输出；已有的权属字段保留，除非登记库或表格修改了它们。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="80" />
        <source>Assignment table</source>
        <translation>权属确认表</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="80" />
        <source>A CSV or XLSX file (or any layer) with a PARCEL_ID or BSM column and columns named like the ownership fields (OWN_TYPE, HOLDER, HOLDER_CD, INVESTOR, PRIORITY, SELLER, SELLER_CD, DISPUTE, CONSENT, CONS_DATE, CONS_REF) or their Chinese names; codes or Chinese labels; a BSM row assigns every piece of that 三调 parcel; empty cells change nothing. Rows are counted from 1 below the header.</source>
        <translation>CSV 或 XLSX 文件（或任意图层），含 PARCEL_ID 或 BSM 列，其余列名与权属字段（OWN_TYPE、HOLDER、HOLDER_CD、INVESTOR、PRIORITY、SELLER、SELLER_CD、DISPUTE、CONSENT、CONS_DATE、CONS_REF）或其中文名相同；可填代码或中文名称；按 BSM 给出的一行适用于该三调图斑的所有部分；空单元格不改变任何值。表头下第一行为第 1 行。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="87" />
        <source>Suggest from 三调 fields</source>
        <translation>由三调字段建议</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="87" />
        <source>Fill empty ownership types from QSXZ (10/20 state, 30–34/40 collective), right holders from QSDWMC and holder codes from QSDWDM; values already set are never overwritten. QSDWDM is an owner-unit code, not an identifier: the seller still needs a valid one.</source>
        <translation>由 QSXZ 填写空的权属类型（10/20 国有，30–34/40 集体），由 QSDWMC 填写权利人，由 QSDWDM 填写权利人代码；已有的值不会被覆盖。QSDWDM 是权属单位代码，不是证件号码：出让主体仍须提供有效的证件号码。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="155" />
        <source>Project register (GeoPackage)</source>
        <translation>项目登记库（GeoPackage）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="91" />
        <source>The project's register: its assignments are joined first (by PARCEL_ID, else BSM) and the result is written back in one transaction with an audit row per changed field. A path that does not exist yet creates a new register.</source>
        <translation>项目登记库：先连接其中的权属确认结果（按 PARCEL_ID，否则按 BSM），结果在一个事务中写回，每个改变的字段记一行审计记录。路径尚不存在时新建登记库。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="95" />
        <source>Parcels with ownership</source>
        <translation>带权属信息的地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="95" />
        <source>The parcels with the ownership fields, ELIGIBLE (1/0), INELIG_WHY (reason codes) and STATE_APPR (1: state-asset appraisal); the GeoPackage's default style has Chinese drop-downs for the codes.</source>
        <translation>带权属字段、ELIGIBLE（1/0）、INELIG_WHY（原因代码）和 STATE_APPR（1：需国有资产评估）的地块；GeoPackage 的默认样式为各代码提供中文下拉列表。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="101" />
        <source>Number of eligible parcels</source>
        <translation>可交易地块数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="102" />
        <source>Changes written to the register</source>
        <translation>写入登记库的修改数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="122" />
        <source>Assignment table: {n} rows.</source>
        <translation>权属确认表：{n} 行。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="135" />
        <source>{n} row(s) of assignments are invalid; nothing was applied:</source>
        <translation>{n} 行权属确认有误，未做任何修改：</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="146" />
        <source>Created register {path}.</source>
        <translation>已新建登记库 {path}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="148" />
        <source>Register {path}: {n} field change(s) written and audited.</source>
        <translation>登记库 {path}：已写入 {n} 处字段修改并记入审计。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="170" />
        <source>From the register: {a} parcels by PARCEL_ID, {b} by BSM; {c} not in it.</source>
        <translation>来自登记库：按 PARCEL_ID 匹配 {a} 个地块，按 BSM 匹配 {b} 个；{c} 个不在登记库中。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="173" />
        <source>Register rows disagree for BSM {bsm}; those parcels were not matched.</source>
        <translation>登记库中 BSM {bsm} 的各行不一致，这些地块未匹配。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="176" />
        <source>The table assigns {n} parcels.</source>
        <translation>表格确认了 {n} 个地块。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="179" />
        <source>From 三调: OWN_TYPE filled for {a} parcels, HOLDER for {b}, HOLDER_CD for {c}.</source>
        <translation>由三调填写：OWN_TYPE {a} 个地块，HOLDER {b} 个，HOLDER_CD {c} 个。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="181" />
        <source>{e} of {n} parcels are eligible for trade; {s} need state-asset appraisal.</source>
        <translation>{n} 个地块中 {e} 个可交易；{s} 个需进行国有资产评估。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="72" />
        <source>Features {fids} of layer {layer} have no PARCEL_ID.</source>
        <translation>图层 {layer} 的要素 {fids} 没有 PARCEL_ID。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="73" />
        <source>Some changes have no PARCEL_ID.</source>
        <translation>部分修改没有 PARCEL_ID。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="74" />
        <source>PARCEL_IDs occur more than once in the changes: {ids}.</source>
        <translation>修改中有重复的 PARCEL_ID：{ids}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="75" />
        <source>The changes are not keyed by PARCEL_ID.</source>
        <translation>修改没有以 PARCEL_ID 为键。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="76" />
        <source>Unknown fields in the changes: {fields}.</source>
        <translation>修改中有未知字段：{fields}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="77" />
        <source>this parcel is also assigned by row {other}</source>
        <translation>该地块也由第 {other} 行确认</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="78" />
        <source>the date lies in the future</source>
        <translation>日期晚于今天</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="79" />
        <source>{n} row(s) of assignments are invalid; nothing was applied: {problems}</source>
        <translation>{n} 行权属确认有误，未做任何修改：{problems}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="80" />
        <source>not a date; use YYYY-MM-DD</source>
        <translation>不是日期，请使用 YYYY-MM-DD 格式</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="81" />
        <source>neither a valid identifier nor a 19-digit 三调 owner-unit code (QSDWDM)</source>
        <translation>既不是有效的证件号码，也不是 19 位三调权属单位代码（QSDWDM）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="82" />
        <source>not a valid unified social credit code (GB 32100) or resident ID number (GB 11643)</source>
        <translation>不是有效的统一社会信用代码（GB 32100）或居民身份证号码（GB 11643）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="83" />
        <source>The assignment table has no ownership column; use {fields}.</source>
        <translation>权属确认表没有权属字段列，请使用 {fields}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="84" />
        <source>the row has neither a PARCEL_ID nor a BSM</source>
        <translation>该行既没有 PARCEL_ID 也没有 BSM</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="85" />
        <source>The assignment table has neither a PARCEL_ID nor a BSM column (columns: {columns}).</source>
        <translation>权属确认表既没有 PARCEL_ID 列也没有 BSM 列（现有列：{columns}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="86" />
        <source>not a yes/no value; use 1 or 0 (是/否)</source>
        <translation>不是"是/否"值，请填 1 或 0（是/否）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="87" />
        <source>{field} is not an assignable ownership field</source>
        <translation>{field} 不是可确认的权属字段</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="88" />
        <source>Register {path} already exists.</source>
        <translation>登记库 {path} 已存在。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="89" />
        <source>Register {path} stayed locked by another program for {seconds:.1f} s; nothing was written.</source>
        <translation>登记库 {path} 被其他程序锁定达 {seconds:.1f} 秒，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="90" />
        <source>Register {path} does not exist.</source>
        <translation>登记库 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="91" />
        <source>Register {path} has schema version {version}; this plugin reads up to version {supported}. Update the plugin.</source>
        <translation>登记库 {path} 的数据结构版本为 {version}，本插件最高支持版本 {supported}。请升级插件。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="92" />
        <source>Folder {folder} of register {path} does not exist.</source>
        <translation>登记库 {path} 所在的文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="93" />
        <source>{path} is not an SWC EcoValue register (no swc_meta table with a schema_version).</source>
        <translation>{path} 不是 SWC EcoValue 登记库（没有带 schema_version 的 swc_meta 表）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="94" />
        <source>Register {path} has an unknown schema version {version}.</source>
        <translation>登记库 {path} 的数据结构版本 {version} 无法识别。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="95" />
        <source>no parcel has this BSM</source>
        <translation>没有地块具有此 BSM</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="96" />
        <source>unknown dispute status; use NONE, UNCLEAR, DISPUTED or RESOLVED (无争议, 权属不清, 有争议, 已解决)</source>
        <translation>未知的争议状态，请使用 NONE、UNCLEAR、DISPUTED 或 RESOLVED（无争议、权属不清、有争议、已解决）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="97" />
        <source>unknown ownership type; use STATE, COLLECTIVE or INDIVIDUAL (国有, 集体, 个人)</source>
        <translation>未知的权属类型，请使用 STATE、COLLECTIVE 或 INDIVIDUAL（国有、集体、个人）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="98" />
        <source>no parcel has this PARCEL_ID</source>
        <translation>没有地块具有此 PARCEL_ID</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="100" />
        <source>no ownership type</source>
        <translation>无权属类型</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="101" />
        <source>unknown ownership type</source>
        <translation>权属类型无效</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="102" />
        <source>no right holder</source>
        <translation>无权利人</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="103" />
        <source>no seller</source>
        <translation>无出让主体</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="104" />
        <source>the seller has no identifier</source>
        <translation>出让主体无证件号码</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="105" />
        <source>the seller's identifier is not a valid credit code or ID number</source>
        <translation>出让主体的证件号码不是有效的统一社会信用代码或身份证号码</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="106" />
        <source>dispute status not stated</source>
        <translation>未填写权属争议状态</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="107" />
        <source>unknown dispute status</source>
        <translation>争议状态无效</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="108" />
        <source>rights unclear (权属不清)</source>
        <translation>权属不清</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="109" />
        <source>rights disputed (有争议)</source>
        <translation>权属有争议</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="110" />
        <source>dispute resolved but the right holders' consent is not recorded</source>
        <translation>争议已解决，但未记录权利人同意</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="47" />
        <source>State-owned</source>
        <translation>国有</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="47" />
        <source>Collective</source>
        <translation>集体</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="47" />
        <source>Individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="59" />
        <source>No dispute</source>
        <translation>无争议</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="59" />
        <source>Rights unclear</source>
        <translation>权属不清</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="59" />
        <source>Disputed</source>
        <translation>有争议</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="60" />
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="65" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="97" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="115" />
        <source>(not set)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/assign_ownership.py" line="114" />
        <source>The register and the output must be different files.</source>
        <translation>登记库和输出不能是同一个文件。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="72" />
        <source>Catalog proposal and decided catalog (目录清单)</source>
        <translation>目录清单建议与市级确定目录</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="75" />
        <source>Scores candidate small watersheds with a transparent, configurable score — value per km², the increment from soil-and-water-conservation measures, the share of area with clear rights, the share already traded or pledged, recognition as an ecologically clean small watershed (生态清洁小流域) and the other criteria of the weights table (resources/catalog/criteria.csv) — and writes the county's proposal: a ranked table with the evidence behind each score, an .xlsx proposal form with Chinese headers and a map. A watershed whose parcels have unresolved disputes or unclear rights is not proposed unless an override gives a reason, which is recorded. With a register, the catalog the city decided is kept: a three-year period from YEAR with its entries, and each year's first-quarter adjustment (in/out with reasons), never rewriting history, so any earlier year's list can be reproduced.</source>
        <translation>用透明、可配置的评分对候选小流域打分——单位面积价值、水土保持措施价值增量、权属清晰面积比例、已交易或质押面积比例、是否已认定为生态清洁小流域，以及权重表（resources/catalog/criteria.csv）中的其他指标——并生成县级目录清单建议：附每项得分依据的排名表、中文表头的 .xlsx 建议表和地图。地块存在未解决权属争议或权属不清的小流域不予建议，除非填写例外理由（理由记录在案）。指定登记库时，保存市级确定的目录：自 YEAR 起的三年期及其条目，以及每年第一季度的调整（调入/调出及理由），历史记录从不改写，可重现任一往年的清单。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="88" />
        <source>Candidate watersheds</source>
        <translation>候选小流域</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="88" />
        <source>Usually the output of swcvalue:watershedsummary; any layer or table with the criteria's fields.</source>
        <translation>通常为 swcvalue:watershedsummary 的输出；任何含评分指标字段的图层或表均可。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="114" />
        <source>Watershed id field</source>
        <translation>小流域编码字段</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="92" />
        <source>Unique id of each candidate.</source>
        <translation>每个候选小流域的唯一编码。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="117" />
        <source>Watershed name field</source>
        <translation>小流域名称字段</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="95" />
        <source>Name of each candidate.</source>
        <translation>每个候选小流域的名称。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="98" />
        <source>Recognised clean-watershed field</source>
        <translation>已认定生态清洁小流域字段</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="98" />
        <source>Field saying whether the watershed is recognised as an ecologically clean small watershed (yes/no, 是/否, 1/0); empty: the criteria table's field (CLEAN_WS), unknown when absent.</source>
        <translation>表示该小流域是否已认定为生态清洁小流域的字段（yes/no、是/否、1/0）；留空：使用指标表中的字段（CLEAN_WS），缺失时按未知计。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="102" />
        <source>Traded or pledged share field (%)</source>
        <translation>已交易或质押面积比例字段（%）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="102" />
        <source>Share of the area already traded or pledged, in percent; empty: the criteria table's field (TRADED_PCT), 0 when absent.</source>
        <translation>已交易或已质押面积占比（百分数）；留空：使用指标表中的字段（TRADED_PCT），缺失时按 0 计。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="106" />
        <source>Criteria and weights</source>
        <translation>评分指标与权重</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="106" />
        <source>CSV with criterion, field, weight, direction (higher/lower), scale (minmax/percent/fraction/boolean), labels and if_missing (error/zero/unknown); empty: resources/catalog/criteria.csv.</source>
        <translation>CSV，列为 criterion、field、weight、direction（higher/lower）、scale（minmax/percent/fraction/boolean）、名称和 if_missing（error/zero/unknown）；留空：resources/catalog/criteria.csv。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="109" />
        <source>Overrides</source>
        <translation>例外纳入</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="109" />
        <source>Table with WS_ID and REASON: watersheds proposed despite disputes or unclear rights; the reason is recorded.</source>
        <translation>含 WS_ID 和 REASON 的表：尽管存在权属争议或权属不清仍建议纳入的小流域；理由记录在案。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="113" />
        <source>Minimum score</source>
        <translation>最低得分</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="113" />
        <source>Candidates scoring below this are not proposed.</source>
        <translation>得分低于此值的候选小流域不予建议。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="116" />
        <source>Maximum number of entries</source>
        <translation>最多条目数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="116" />
        <source>At most this many watersheds are proposed, best first; 0: no limit.</source>
        <translation>按得分从高到低最多建议这么多个小流域；0：不限。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="119" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="119" />
        <source>Start year of the proposed three-year catalog, or the year of the first-quarter adjustment.</source>
        <translation>建议的三年期目录的起始年份，或第一季度调整所在年份。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="234" />
        <source>County</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="122" />
        <source>County name for the form's title.</source>
        <translation>用于建议表标题的县（区）名称。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="110" />
        <source>Register GeoPackage</source>
        <translation>登记库 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="124" />
        <source>GeoPackage keeping the decided catalog (tables swc_catalog_period and swc_catalog_event, created on demand; a new file is created when it does not exist).</source>
        <translation>保存已确定目录的 GeoPackage（表 swc_catalog_period 和 swc_catalog_event，按需创建；文件不存在时新建）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="127" />
        <source>Record in the register</source>
        <translation>记入登记库</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="127" />
        <source>No: proposal only</source>
        <translation>否：仅生成建议</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="127" />
        <source>The city's decided catalog: a new three-year period from YEAR</source>
        <translation>市级确定的目录：自 YEAR 起的新三年期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="127" />
        <source>YEAR's first-quarter adjustment</source>
        <translation>YEAR 年第一季度调整</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="127" />
        <source>What to record: nothing; the decided catalog (the DECISION table, else the proposed watersheds); or the adjustment (the DECISION table, else the changes that make the catalog equal the proposal).</source>
        <translation>记录内容：不记录；已确定的目录（DECISION 表，未给出时为建议纳入的小流域）；或调整（DECISION 表，未给出时为使目录与建议一致所需的变动）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="133" />
        <source>City decision</source>
        <translation>市级决定</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="133" />
        <source>Table with WS_ID, ACTION (in/out, 纳入/调出) and REASON: what the city decided, when it differs from the proposal.</source>
        <translation>含 WS_ID、ACTION（in/out，纳入/调出）和 REASON 的表：市级的决定（与建议不同时使用）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="137" />
        <source>Decided by</source>
        <translation>决定机关</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="137" />
        <source>Body that decided (e.g. the city water bureau).</source>
        <translation>作出决定的机关（如市水利局）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="139" />
        <source>Decision date</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="139" />
        <source>Date of the decision (YYYY-MM-DD).</source>
        <translation>决定日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="141" />
        <source>Ranked proposal</source>
        <translation>排名建议表</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="141" />
        <source>Candidates ranked, with SCORE, S_&lt;criterion&gt; points, STATUS, BLOCKED_BY, OVERRIDE and EVIDENCE.</source>
        <translation>候选小流域排名，含 SCORE、各指标得分 S_&lt;指标&gt;、STATUS、BLOCKED_BY、OVERRIDE 和 EVIDENCE。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="143" />
        <source>Proposal form (.xlsx)</source>
        <translation>建议表（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="143" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="143" />
        <source>The proposal form with Chinese headers: ranked list, scoring rules and the map.</source>
        <translation>中文表头的建议表：排名清单、评分规则和地图。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="146" />
        <source>Proposal map (.png)</source>
        <translation>建议地图（.png）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="146" />
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="146" />
        <source>Map of the candidates by status; empty: written beside the form.</source>
        <translation>按状态着色的候选小流域地图；留空：写在建议表旁。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="149" />
        <source>Number of proposed watersheds</source>
        <translation>建议纳入的小流域数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="150" />
        <source>Catalog in force in YEAR</source>
        <translation>YEAR 年有效的目录</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="177" />
        <source>{rank}. {id} {name}: score {score:.2f}, {status}</source>
        <translation>{rank}. {id} {name}：得分 {score:.2f}，{status}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="223" />
        <source>The candidates have no geometry: no map.</source>
        <translation>候选小流域没有几何图形：不生成地图。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="226" />
        <source>Proposal form: {path}</source>
        <translation>建议表：{path}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="206" />
        <source>Recording the catalog needs a register GeoPackage (REGISTER).</source>
        <translation>记录目录需要登记库 GeoPackage（REGISTER）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="240" />
        <source>Recorded the catalog {start}–{end} with {n} watersheds in {path}.</source>
        <translation>已在 {path} 中记录 {start}–{end} 年目录，共 {n} 个小流域。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="247" />
        <source>Recorded the first-quarter adjustment of {year}: {changes}.</source>
        <translation>已记录 {year} 年第一季度调整：{changes}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="250" />
        <source>The proposal equals the catalog in force: no adjustment recorded for {year}.</source>
        <translation>建议与现行目录一致：{year} 年未记录调整。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="254" />
        <source>Catalog in force in {year}: {ids}</source>
        <translation>{year} 年有效的目录：{ids}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="273" />
        <source>proposed</source>
        <translation>建议纳入</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="273" />
        <source>not proposed: disputed or unclear rights</source>
        <translation>不予建议：权属有争议或不清</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="274" />
        <source>not proposed: below the minimum score</source>
        <translation>不予建议：低于最低得分</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="275" />
        <source>not proposed: over the maximum number</source>
        <translation>不予建议：超出最多条目数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="326" />
        <source>County proposal {year}: rank {rank}, score {score:.1f}</source>
        <translation>{year} 年县级建议：第 {rank} 名，得分 {score:.1f}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="333" />
        <source>Proposed in {year}: rank {rank}, score {score:.1f}</source>
        <translation>{year} 年建议纳入：第 {rank} 名，得分 {score:.1f}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/catalog_proposal.py" line="333" />
        <source>Not proposed in {year}: {status}</source>
        <translation>{year} 年未建议：{status}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="50" />
        <source>erosion grade worse</source>
        <translation>侵蚀强度等级变差</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="51" />
        <source>erosion modulus above the tolerance where it was below</source>
        <translation>侵蚀模数由低于容许土壤流失量变为超过</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="52" />
        <source>land use turned built-up</source>
        <translation>土地利用变为建设用地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="53" />
        <source>value per mu down by more than the threshold</source>
        <translation>亩均价值下降超过阈值</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="54" />
        <source>parcel missing later</source>
        <translation>后期地块缺失</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="58" />
        <source>same PARCEL_ID</source>
        <translation>PARCEL_ID 相同</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="58" />
        <source>new id, same place (≥ 50 % mutual overlap)</source>
        <translation>编号改变、位置相同（相互重叠 ≥ 50 %）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="59" />
        <source>piece of a split parcel</source>
        <translation>分割后地块的一部分</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="59" />
        <source>merged from several parcels</source>
        <translation>由多个地块合并</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="60" />
        <source>missing later</source>
        <translation>后期缺失</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="60" />
        <source>new parcel</source>
        <translation>新增地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="71" />
        <source>Monitor change after a trade</source>
        <translation>交易后变化监测</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="74" />
        <source>Compares a later accounting of the same place (CURRENT) with the accounting at signing (BASELINE), parcel by parcel, at constant prices and parameters: both must share the parameter hash of their provenance, else the later quantities are re-priced with the baseline's parameters when only prices differ (a parameter that changes quantities stops the run, naming both hashes). R, K and LS must be the same long-term factors (only B·E·T, cover and land use may differ): a different R stops the run unless ALLOW_R_CHANGE. Parcels are matched by PARCEL_ID, then by geometry (≥ 50 % mutual overlap; splits and merges are reported; MATCH says how). FLAG = 1 when the erosion grade got worse, the modulus rose above the 500 t/(km²·a) tolerance, the land turned built-up, the value per mu fell by more than VALUE_DROP %, or the parcel is missing; FLAG_WHY lists the reasons.</source>
        <translation>以不变价格和参数逐地块比较同一地点的后期核算（CURRENT）与签约时核算（BASELINE），监测水土保持功能：两者的溯源记录须有相同的参数哈希；若仅价格不同，则用签约时的参数对后期物理量重新计价（改变物理量的参数不同则停止运行，并列出两个哈希）。R、K、LS 须为相同的多年平均因子（只有 B·E·T、覆盖度和土地利用可以变化）：R 不同则停止运行，除非选择 ALLOW_R_CHANGE。地块先按 PARCEL_ID 匹配，再按空间位置匹配（相互重叠 ≥ 50 %；报告分割与合并；MATCH 字段说明匹配方式）。侵蚀强度等级变差、侵蚀模数升至 500 t/(km²·a) 容许值以上、变为建设用地、亩均价值下降超过 VALUE_DROP %、或地块缺失时 FLAG = 1；FLAG_WHY 列出原因。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="87" />
        <source>Accounting at signing</source>
        <translation>签约时核算</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="87" />
        <source>Valued parcels of swcvalue:accountvalues at the time of the trade (its GeoPackage keeps the provenance in layer swc_provenance).</source>
        <translation>交易时 swcvalue:accountvalues 的地块核算结果（其 GeoPackage 在图层 swc_provenance 中保存溯源记录）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="91" />
        <source>Later accounting</source>
        <translation>后期核算</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="91" />
        <source>Valued parcels of a later accounting of the same place.</source>
        <translation>同一地点后期核算的地块结果。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="94" />
        <source>Value drop threshold (%)</source>
        <translation>价值下降阈值（%）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="94" />
        <source>A parcel is flagged when its value per mu fell by more than this percentage.</source>
        <translation>地块亩均价值下降超过此百分比时预警。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="97" />
        <source>Allow a different R</source>
        <translation>允许 R 不同</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="97" />
        <source>Compare even though rainfall erosivity R differs between the accountings (the change of R then shows in soil conservation).</source>
        <translation>即使两次核算的降雨侵蚀力 R 不同也进行比较（R 的变化将体现在土壤保持中）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="100" />
        <source>Provenance at signing</source>
        <translation>签约时溯源记录</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="100" />
        <source>Later provenance</source>
        <translation>后期溯源记录</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="102" />
        <source>The PROVENANCE table of that accounting; empty: the layer swc_provenance of its GeoPackage.</source>
        <translation>该次核算的 PROVENANCE 表；留空：其 GeoPackage 中的 swc_provenance 图层。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="105" />
        <source>Cover raster at signing</source>
        <translation>签约时植被覆盖度栅格</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="105" />
        <source>Later cover raster</source>
        <translation>后期植被覆盖度栅格</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="107" />
        <source>Vegetation cover (0–1) of that accounting when its layer has no VEG_COVER field; empty: the VEG_COVER input named in its provenance, when the file exists.</source>
        <translation>该次核算的植被覆盖度（0–1），用于图层没有 VEG_COVER 字段时；留空：使用溯源记录中的 VEG_COVER 输入（文件存在时）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="110" />
        <source>When given, the run and its per-trade results are appended to tables swc_monitoring_run and swc_monitoring_trade.</source>
        <translation>给出时，将本次运行及各交易结果追加到表 swc_monitoring_run 和 swc_monitoring_trade。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="113" />
        <source>Change layer</source>
        <translation>变化图层</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="113" />
        <source>One feature per later parcel (and per missing parcel) with both states, the changes, MATCH, FLAG and FLAG_WHY; flagged parcels are drawn red.</source>
        <translation>每个后期地块（及每个缺失地块）一个要素，含前后两期状态、变化量、MATCH、FLAG 和 FLAG_WHY；预警地块以红色显示。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="116" />
        <source>Per-trade table</source>
        <translation>分交易统计表</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="116" />
        <source>One row per trade (SCOPE_ID): parcels, totals at signing and later, flags by reason.</source>
        <translation>每个交易（SCOPE_ID）一行：地块数、签约时与后期合计、按原因统计的预警数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="119" />
        <source>Monitoring report (HTML)</source>
        <translation>监测报告（HTML）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="85" />
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="119" />
        <source>The report: comparison basis, per-trade table, flagged parcels and a map (PNG beside it).</source>
        <translation>报告：比较依据、分交易统计、预警地块和地图（PNG 另存于旁）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="122" />
        <source>Number of flagged rows</source>
        <translation>预警行数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="123" />
        <source>Number of rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="175" />
        <source>Change since signing: flagged parcels in red</source>
        <translation>签约以来的变化：红色为预警地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="186" />
        <source>Recorded monitoring run {id} in {path}.</source>
        <translation>已在 {path} 中记录第 {id} 次监测运行。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="188" />
        <source>Trade {scope}: {flagged} of {n} parcels flagged; value {vb:,.0f} → {vc:,.0f} 元/a ({pct}).</source>
        <translation>交易 {scope}：{n} 个地块中 {flagged} 个预警；价值 {vb:,.0f} → {vc:,.0f} 元/年（{pct}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="269" />
        <source>Flagged</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="197" />
        <source>Not flagged</source>
        <translation>无预警</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="222" />
        <source>Both accountings used the same parameters (hash {hash}): values are compared as they are.</source>
        <translation>两次核算使用相同参数（哈希 {hash}）：价值直接比较。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="225" />
        <source>The parameter hashes differ (at signing {base}, later {cur}) in prices only ({keys}): the later quantities were re-priced with the parameters at signing.</source>
        <translation>参数哈希不同（签约时 {base}，后期 {cur}），但仅价格不同（{keys}）：后期物理量已按签约时参数重新计价。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="229" />
        <source>potential erosion per area later / at signing = {ratio:.4f} on {n} unchanged parcels</source>
        <translation>{n} 个未变化地块上单位面积潜在侵蚀量之比（后期/签约时）= {ratio:.4f}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="229" />
        <source>no unchanged parcel to compare potential erosion on</source>
        <translation>没有可比较潜在侵蚀量的未变化地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="232" />
        <source>R, K and LS: {factors}; {evidence}.</source>
        <translation>R、K 和 LS：{factors}；{evidence}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="235" />
        <source>R differs between the accountings and the comparison was allowed (ALLOW_R_CHANGE).</source>
        <translation>两次核算的 R 不同，已按要求允许比较（ALLOW_R_CHANGE）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="254" />
        <source>Accounting at signing: {base}. Later accounting: {cur}. Created {time} by {software}.</source>
        <translation>签约时核算：{base}。后期核算：{cur}。由 {software} 于 {time} 生成。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="260" />
        <source>Flags: grade worse; modulus at or above the tolerance {tol:g} t/(km²·a) where it was below; turned built-up; value per mu down by more than {drop:g} %; missing later.</source>
        <translation>预警条件：侵蚀强度等级变差；侵蚀模数由低于容许值变为达到或超过 {tol:g} t/(km²·a)；变为建设用地；亩均价值下降超过 {drop:g} %；后期缺失。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="264" />
        <source>How matched</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="266" />
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="266" />
        <source>Flag</source>
        <translation>预警原因</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="193" />
        <source>Trade</source>
        <translation>交易</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="269" />
        <source>Parcels at signing</source>
        <translation>签约时地块数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="269" />
        <source>Parcels later</source>
        <translation>后期地块数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="269" />
        <source>Value at signing (元/a)</source>
        <translation>签约时价值（元/年）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="269" />
        <source>Value later (元/a)</source>
        <translation>后期价值（元/年）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="269" />
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="193" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="269" />
        <source>attention</source>
        <translation>需关注</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="269" />
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="249" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="286" />
        <source>Parcel</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="286" />
        <source>At signing</source>
        <translation>签约时地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="286" />
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="286" />
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="286" />
        <source>Erosion modulus t/(km²·a)</source>
        <translation>侵蚀模数 t/(km²·a)</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="286" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="286" />
        <source>Cover</source>
        <translation>覆盖度</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="125" />
        <source>Land use</source>
        <translation>地类</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="286" />
        <source>Value per mu 元/(亩·a)</source>
        <translation>亩均价值 元/(亩·年)</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="294" />
        <source>Field names of the change layer: {names}. Per-trade table: {trade}.</source>
        <translation>变化图层字段：{names}。分交易统计表字段：{trade}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="41" />
        <source>Catalog and monitoring</source>
        <translation>目录清单与监测</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="90" />
        <source>Watershed-level accounting summary</source>
        <translation>小流域核算汇总</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="93" />
        <source>Aggregates a parcel accounting (the output of swcvalue:accountvalues) to small watersheds: area, value by class with its low–high range, value per km² of the accounted area, the increment from soil-and-water-conservation measures (DV_TOTAL) and the share of area with clear rights and no dispute (from the parcels' DISPUTE/ELIGIBLE fields; unknown without them). Parcels are allocated by the ellipsoidal area of their intersection with each watershed (exact, pro-rated). From the actual-erosion raster of swcvalue:cslefactors, cell by cell with the exact share of each cell inside: eroded area by SL 190 grade and the soil-and-water-conservation rate (水土保持率: share of the assessed land with erosion below the tolerance of 500 t/(km²·a)); from the cover raster the mean fractional vegetation cover; from the parcels' ecosystem types the forest-and-grass cover rate (林草覆盖率).</source>
        <translation>将地块核算结果（swcvalue:accountvalues 的输出）汇总到小流域：面积、分类价值及其高低区间、已核算面积的单位面积价值、水土保持措施价值增量（DV_TOTAL），以及权属清晰且无争议的面积比例（取自地块的 DISPUTE/ELIGIBLE 字段；没有这些字段时为未知）。地块按其与各小流域相交部分的椭球面积分配（精确、按比例）。根据 swcvalue:cslefactors 的实际侵蚀栅格逐格计算（按每个栅格位于小流域内的精确比例）：各 SL 190 强度等级的侵蚀面积和水土保持率（参与评价土地中侵蚀低于容许土壤流失量 500 t/(km²·a) 的比例）；根据覆盖度栅格计算平均植被覆盖度；根据地块生态系统类型计算林草覆盖率。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="106" />
        <source>Parcel accounting</source>
        <translation>地块核算结果</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="106" />
        <source>Valued parcels from swcvalue:accountvalues (V_MAT, V_REG, V_CUL, V_TOTAL, V_TOT_LO, V_TOT_HI, DV_TOTAL, ECO_TYPE); DISPUTE and ELIGIBLE fields are used when present.</source>
        <translation>swcvalue:accountvalues 的地块核算结果（V_MAT、V_REG、V_CUL、V_TOTAL、V_TOT_LO、V_TOT_HI、DV_TOTAL、ECO_TYPE）；有 DISPUTE 和 ELIGIBLE 字段时一并使用。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="110" />
        <source>Small watersheds</source>
        <translation>小流域</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="110" />
        <source>Any polygon layer with an id and a name, e.g. the national small-watershed layer; its fields are kept.</source>
        <translation>任何含编码和名称的面图层，例如全国小流域图层；其字段予以保留。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="114" />
        <source>Unique id of each watershed; the national small-watershed code is accepted (kept as text).</source>
        <translation>每个小流域的唯一编码；可使用全国小流域编码（按文本保存）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="117" />
        <source>Name of each watershed.</source>
        <translation>每个小流域的名称。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="120" />
        <source>Actual erosion raster</source>
        <translation>实际侵蚀栅格</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="120" />
        <source>OUTPUT_EROSION of swcvalue:cslefactors, t/(hm²·a), made from the same parcels; empty: eroded areas and the soil-and-water-conservation rate are not computed.</source>
        <translation>由相同地块生成的 swcvalue:cslefactors 的 OUTPUT_EROSION，t/(hm²·a)；留空：不计算侵蚀面积和水土保持率。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="123" />
        <source>Cover raster for the mean fractional vegetation cover of each watershed.</source>
        <translation>用于计算各小流域平均植被覆盖度的覆盖度栅格。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="126" />
        <source>CSV overriding rows of the default parameter table (sl190_tolerance, soil_conservation_excluded).</source>
        <translation>覆盖默认参数表中行的 CSV（sl190_tolerance、soil_conservation_excluded）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="129" />
        <source>Watershed summary</source>
        <translation>小流域汇总</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="129" />
        <source>One feature per watershed with its fields and the summary fields (aliases name each figure).</source>
        <translation>每个小流域一个要素，含其原有字段和汇总字段（字段别名注明各项指标）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="131" />
        <source>Number of watersheds</source>
        <translation>小流域数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/watershed_summary.py" line="161" />
        <source>{id} {name}: {value:,.0f} 元/a on {acc:.3f} km² accounted of {area:.3f} km²; soil-and-water-conservation rate {swc}; forest-and-grass cover rate {fg}.</source>
        <translation>{id} {name}：{value:,.0f} 元/年，已核算 {acc:.3f} km²（共 {area:.3f} km²）；水土保持率 {swc}；林草覆盖率 {fg}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="124" />
        <source>The Q1 adjustment of {year} is already recorded; history is never rewritten.</source>
        <translation>{year} 年第一季度调整已记录；历史记录不可改写。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="125" />
        <source>Q1 adjustments are for the second and third year of a period ({start}–{end}), not {year}.</source>
        <translation>第一季度调整适用于目录期（{start}–{end}）的第二和第三年，不适用于 {year} 年。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="126" />
        <source>Watersheds {ids}: the action must be in or out (an initial list has only in).</source>
        <translation>小流域 {ids}：操作须为 in 或 out（初始清单只能为 in）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="127" />
        <source>Cannot list watersheds already in the catalog ({listed}) or remove watersheds not in it ({absent}).</source>
        <translation>不能纳入已在目录中的小流域（{listed}），也不能调出不在目录中的小流域（{absent}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="128" />
        <source>Criteria table {path}, line {line}: {column} {value!r} is not one of {allowed}.</source>
        <translation>指标表 {path} 第 {line} 行：{column} {value!r} 不是 {allowed} 之一。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="129" />
        <source>The criteria table {path} lacks the column(s) {columns}.</source>
        <translation>指标表 {path} 缺少列 {columns}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="130" />
        <source>Criteria occur more than once: {ids}.</source>
        <translation>指标重复：{ids}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="131" />
        <source>The criteria table {path} has no criterion with a weight.</source>
        <translation>指标表 {path} 中没有带权重的指标。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="132" />
        <source>Cannot read the criteria table {path}: {error}.</source>
        <translation>无法读取指标表 {path}：{error}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="133" />
        <source>Watersheds {ids} occur more than once in one decision.</source>
        <translation>小流域 {ids} 在同一决定中出现多次。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="134" />
        <source>A catalog needs at least one watershed.</source>
        <translation>目录至少需要一个小流域。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="135" />
        <source>Criterion {criterion}: layer {layer} has no field {field}; every candidate counts as {value}.</source>
        <translation>指标 {criterion}：图层 {layer} 没有字段 {field}；所有候选小流域按 {value} 计。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="136" />
        <source>Criterion {criterion} needs the field {field}, which layer {layer} lacks.</source>
        <translation>指标 {criterion} 需要字段 {field}，图层 {layer} 中没有该字段。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="137" />
        <source>The adjustment of {year} has no change.</source>
        <translation>{year} 年的调整没有任何变动。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="138" />
        <source>The register has no catalog period covering {year}.</source>
        <translation>登记库中没有覆盖 {year} 年的目录期。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="139" />
        <source>Every catalog decision needs a reason: {ids}.</source>
        <translation>每项目录决定都需要理由：{ids}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="140" />
        <source>Overrides need a reason: {ids}.</source>
        <translation>例外纳入需要理由：{ids}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="141" />
        <source>Overrides name watersheds that are not candidates: {ids}.</source>
        <translation>例外纳入列出了不在候选范围内的小流域：{ids}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="142" />
        <source>Watersheds {ids} were not blocked; their override is not needed and not recorded.</source>
        <translation>小流域 {ids} 未受限制；无需例外纳入，也不予记录。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="143" />
        <source>The register already has a catalog for {start}–{end}; periods cannot overlap and are never rewritten (record a Q1 adjustment instead).</source>
        <translation>登记库中已有 {start}–{end} 年的目录；目录期不能重叠且不可改写（请改为记录第一季度调整）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="144" />
        <source>Layer {layer} has no DISPUTE_N/UNCLEAR_N fields: rights were not checked (run swcvalue:watershedsummary on parcels with DISPUTE/ELIGIBLE fields).</source>
        <translation>图层 {layer} 没有 DISPUTE_N/UNCLEAR_N 字段：未检查权属（请对含 DISPUTE/ELIGIBLE 字段的地块运行 swcvalue:watershedsummary）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="145" />
        <source>Keys the baseline run did not record were taken from the default table: {keys}.</source>
        <translation>签约时核算未记录的参数取自默认参数表：{keys}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="146" />
        <source>K and LS must be the same long-term factors in both accountings; they differ: {what}.</source>
        <translation>两次核算的 K 和 LS 须为相同的多年平均因子；二者不同：{what}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="147" />
        <source>Layer {layer}: no VEG_COVER field and no cover raster; vegetation cover is not compared.</source>
        <translation>图层 {layer}：没有 VEG_COVER 字段，也没有覆盖度栅格；不比较植被覆盖度。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="148" />
        <source>The provenance of layer {layer} has no parameter_hash row.</source>
        <translation>图层 {layer} 的溯源记录中没有 parameter_hash 行。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="149" />
        <source>No provenance for layer {layer}: give its PROVENANCE table or use the GeoPackage written by swcvalue:accountvalues (layer swc_provenance).</source>
        <translation>图层 {layer} 没有溯源记录：请给出其 PROVENANCE 表，或使用 swcvalue:accountvalues 写出的 GeoPackage（图层 swc_provenance）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="150" />
        <source>The accountings used different parameters that change quantities ({keys}): baseline hash {base}, later hash {cur}. Re-run swcvalue:accountvalues on the later state with the baseline's parameters (re-valuing needs the rasters).</source>
        <translation>两次核算使用了会改变物理量的不同参数（{keys}）：签约时哈希 {base}，后期哈希 {cur}。请用签约时的参数对后期状态重新运行 swcvalue:accountvalues（重新核算需要栅格数据）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="151" />
        <source>R differs between the accountings ({what}); compared anyway as requested.</source>
        <translation>两次核算的 R 不同（{what}）；已按要求继续比较。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="152" />
        <source>Rainfall erosivity R (or R·K·LS) differs between the accountings: {what}. Use the same long-term R, or allow an R change explicitly.</source>
        <translation>两次核算的降雨侵蚀力 R（或 R·K·LS）不同：{what}。请使用相同的多年平均 R，或明确允许 R 变化。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="153" />
        <source>Parameter hashes differ (baseline {base}, later {cur}); only prices differ ({keys}): the later state is re-priced with the baseline's parameters.</source>
        <translation>参数哈希不同（签约时 {base}，后期 {cur}）；仅价格不同（{keys}）：后期状态按签约时参数重新计价。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="154" />
        <source>Layer {layer} is not a parcel accounting (swcvalue:accountvalues output): it lacks {fields}.</source>
        <translation>图层 {layer} 不是地块核算结果（swcvalue:accountvalues 的输出）：缺少 {fields}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="156" />
        <source>Writing the .xlsx form needs the Python package openpyxl (python -m pip install openpyxl).</source>
        <translation>写出 .xlsx 建议表需要 Python 包 openpyxl（python -m pip install openpyxl）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="157" />
        <source>Watersheds {fids} of layer {layer} have no {field}.</source>
        <translation>图层 {layer} 的小流域 {fids} 没有 {field}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="158" />
        <source>Watershed ids {ids} occur more than once in layer {layer}.</source>
        <translation>小流域编码 {ids} 在图层 {layer} 中出现多次。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="159" />
        <source>No erosion data on part of watersheds {ids}; the soil-and-water-conservation rate covers the assessed part only.</source>
        <translation>小流域 {ids} 的部分区域没有侵蚀数据；水土保持率仅针对参与评价的部分。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="160" />
        <source>No erosion raster: eroded areas and the soil-and-water-conservation rate are not computed.</source>
        <translation>没有侵蚀栅格：不计算侵蚀面积和水土保持率。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="161" />
        <source>Layer {layer} has neither ECO_TYPE nor DLBM: land use is not known.</source>
        <translation>图层 {layer} 既没有 ECO_TYPE 也没有 DLBM：土地利用未知。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="162" />
        <source>{n} parcels are counted in more than one watershed (the watersheds overlap).</source>
        <translation>{n} 个地块被计入多个小流域（小流域相互重叠）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="163" />
        <source>Raster {path} must be in a projected CRS in metres (it is {crs}).</source>
        <translation>栅格 {path} 须采用以米为单位的投影坐标系（当前为 {crs}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="164" />
        <source>Layer {layer} has no DISPUTE or ELIGIBLE field: rights are reported as unknown.</source>
        <translation>图层 {layer} 没有 DISPUTE 或 ELIGIBLE 字段：权属按未知报告。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="165" />
        <source>{n} parcels lie wholly or partly outside every watershed: {value:,.0f} 元/a ({pct:.2f} %) of the parcel total is not allocated.</source>
        <translation>{n} 个地块全部或部分位于所有小流域之外：地块合计中有 {value:,.0f} 元/年（{pct:.2f} %）未分配。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="340" />
        <source>matching parcels</source>
        <translation>匹配地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="341" />
        <source>comparing</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="125" />
        <source>Parcel id</source>
        <translation>地块编号</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="127" />
        <source>Area (亩)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../../ui/confirmation.py" line="172" />
        <source>Area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="159" />
        <source>Ownership type</source>
        <translation>权属类型</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="160" />
        <source>Seller</source>
        <translation>出让主体</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="131" />
        <source>Dispute status</source>
        <translation>争议状态</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="131" />
        <source>Eligibility</source>
        <translation>交易资格</translation>
    </message>
    <message>
        <location filename="../../ui/confirmation.py" line="226" />
        <source>Confirmation of parcel ownership</source>
        <translation>地块权属确认单</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="129" />
        <source>Right holder</source>
        <translation>权利人</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="42" />
        <source>Right holder code</source>
        <translation>权利人代码</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="150" />
        <source>Parcel layer</source>
        <translation>地块图层</translation>
    </message>
    <message>
        <location filename="../../ui/confirmation.py" line="175" />
        <source>Printed</source>
        <translation>打印日期</translation>
    </message>
    <message>
        <location filename="../../ui/confirmation.py" line="175" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/confirmation.py" line="176" />
        <source>Map: the numbers are the table rows; scale about 1:{scale}.</source>
        <translation>附图：图中编号即上表序号；比例尺约 1:{scale}。</translation>
    </message>
    <message>
        <location filename="../../ui/confirmation.py" line="177" />
        <source>The right holder confirms that the parcels listed above and outlined on the map are theirs and that the ownership recorded for them is correct.</source>
        <translation>权利人确认：上表所列并在附图中标出的地块为本权利人所有，所登记的权属信息准确无误。</translation>
    </message>
    <message>
        <location filename="../../ui/confirmation.py" line="179" />
        <source>Right holder (signature or seal)</source>
        <translation>权利人（签字或盖章）</translation>
    </message>
    <message>
        <location filename="../../ui/confirmation.py" line="179" />
        <source>Technician</source>
        <translation>经办技术人员</translation>
    </message>
    <message>
        <location filename="../../ui/confirmation.py" line="179" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="282" />
        <source>Eligible</source>
        <translation>可交易</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="210" />
        <source>No valid parcel layer is selected; nothing was changed.</source>
        <translation>未选择有效的地块图层，未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="213" />
        <source>Layer {layer} is read-only; nothing was changed.</source>
        <translation>图层 {layer} 为只读，未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="216" />
        <source>The data source of layer {layer} cannot change attribute values (a read-only file or format); nothing was changed. Save the parcels as a GeoPackage and use that layer.</source>
        <translation>图层 {layer} 的数据源不能修改属性值（只读文件或格式），未作任何修改。请将地块另存为 GeoPackage 后使用该图层。</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="221" />
        <source>Layer {layer} lacks the fields {fields} and its data source cannot add fields; nothing was changed.</source>
        <translation>图层 {layer} 缺少字段 {fields}，且其数据源不能添加字段，未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="224" />
        <source>Layer {layer} is in the middle of another edit; finish it and try again. Nothing was changed.</source>
        <translation>图层 {layer} 正在进行另一项编辑，请完成后重试。未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="228" />
        <source>Layer {layer} has new fields that are not saved yet; save or discard them first. Nothing was changed.</source>
        <translation>图层 {layer} 有尚未保存的新字段，请先保存或放弃。未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="233" />
        <source>Editing could not be started on layer {layer} (locked by another program or edit?); nothing was changed.</source>
        <translation>无法开始编辑图层 {layer}（是否被其他程序或编辑锁定？），未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="244" />
        <source>The fields {fields} could not be added to layer {layer} ({error}); nothing was changed.</source>
        <translation>无法向图层 {layer} 添加字段 {fields}（{error}），未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/editing.py" line="293" />
        <source>Feature {fid} of layer {layer} could not be changed; nothing was changed.</source>
        <translation>图层 {layer} 的要素 {fid} 无法修改，未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="43" />
        <source>Investor</source>
        <translation>投资主体</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="43" />
        <source>Priority operating right</source>
        <translation>优先经营权</translation>
    </message>
    <message>
        <location filename="../../ui/parcel_model.py" line="130" />
        <source>Seller identifier</source>
        <translation>出让主体证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="45" />
        <source>Consent obtained</source>
        <translation>权利人已同意</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="45" />
        <source>Consent date</source>
        <translation>同意日期</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="45" />
        <source>Consent document</source>
        <translation>同意文书编号</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="79" />
        <source>credit code, ID number or 三调 QSDWDM</source>
        <translation>信用代码、身份证号或三调权属单位代码</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="80" />
        <source>credit code or ID number</source>
        <translation>统一社会信用代码或身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="150" />
        <source>(several values)</source>
        <translation>（多个值）</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="186" />
        <source>Seller identifier {value}: not a valid unified social credit code (GB 32100, 18 characters) or resident ID number (GB 11643, 18 digits).</source>
        <translation>出让主体证件号码 {value}：不是有效的统一社会信用代码（GB 32100，18 位）或居民身份证号码（GB 11643，18 位）。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="189" />
        <source>Right holder code {value}: neither a valid unified social credit code or resident ID number nor a 19-digit 三调 owner-unit code (QSDWDM).</source>
        <translation>权利人代码 {value}：既不是有效的统一社会信用代码或居民身份证号码，也不是 19 位三调权属单位代码（QSDWDM）。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_form.py" line="194" />
        <source>{field} = '{value}': {reason}</source>
        <translation>{field} = '{value}'：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="127" />
        <source>V_TOTAL (元/a)</source>
        <translation>核算价值（元/年）</translation>
    </message>
    <message>
        <location filename="../../ui/register_sync.py" line="111" />
        <source>Feature {fid} has no PARCEL_ID; its ownership is not kept in the register.</source>
        <translation>要素 {fid} 没有 PARCEL_ID，其权属信息未记入登记库。</translation>
    </message>
    <message>
        <location filename="../../ui/register_sync.py" line="140" />
        <source>Left out of the register:</source>
        <translation>未记入登记库：</translation>
    </message>
    <message>
        <location filename="../../ui/register_sync.py" line="152" />
        <source>The layer was saved, but register {path} was not updated: {error}</source>
        <translation>图层已保存，但登记库 {path} 未更新：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="117" />
        <source>(no seller yet)</source>
        <translation>（尚无出让主体）</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="128" />
        <source>, V_TOTAL {value} 元/a</source>
        <translation>，核算价值 {value} 元/年</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="147" />
        <source>{n} parcels, {area} 亩</source>
        <translation>{n} 个地块，{area} 亩</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="151" />
        <source>Excluded as ineligible: {n} parcels, {area} 亩</source>
        <translation>因不具备交易资格而排除：{n} 个地块，{area} 亩</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="159" />
        <source>By ownership type</source>
        <translation>按权属类型</translation>
    </message>
    <message>
        <location filename="../../ui/summary.py" line="160" />
        <source>By seller</source>
        <translation>按出让主体</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="308" />
        <source>Ownership and eligibility</source>
        <translation>权属与交易资格</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="57" />
        <source>Assign ownership, sellers and dispute status to parcels; check trade eligibility</source>
        <translation>为地块确定权属、出让主体和争议状态，检查交易资格</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="253" />
        <source>Monitoring report: soil-and-water-conservation function after the trade</source>
        <translation>监测报告：交易后的水土保持功能</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="258" />
        <source>Comparison basis</source>
        <translation>比较依据</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="281" />
        <source>Summary</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="267" />
        <source>Per trade</source>
        <translation>分交易统计</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="275" />
        <source>Flagged parcels</source>
        <translation>预警地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="286" />
        <source>No parcel is flagged.</source>
        <translation>没有预警地块。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="292" />
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../processing_provider/monitor_change.py" line="300" />
        <source>Monitoring report</source>
        <translation>监测报告</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="154" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage（*.gpkg）</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="156" />
        <source>The project's register: saved ownership edits are written to it with an audit row per changed field. A new path creates the register.</source>
        <translation>项目登记库：保存的权属修改写入其中，每处字段修改记一条审计记录。填写新路径即新建登记库。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="159" />
        <source>Register</source>
        <translation>登记库</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="161" />
        <source>your name, for the register's audit (default: login name)</source>
        <translation>您的姓名，记入登记库审计（默认为登录名）</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="164" />
        <source>Operator</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="178" />
        <source>Take from register</source>
        <translation>从登记库读取</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="181" />
        <source>Retry register write</source>
        <translation>重新写入登记库</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="189" />
        <source>All parcels</source>
        <translation>全部地块</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="189" />
        <source>No seller yet</source>
        <translation>尚无出让主体</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="189" />
        <source>Not eligible</source>
        <translation>不可交易</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="450" />
        <source>All right holders</source>
        <translation>全部权利人</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="201" />
        <source>Zoom to selection</source>
        <translation>缩放至所选</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="232" />
        <source>Fill from 三调</source>
        <translation>按三调填充</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="233" />
        <source>Fill empty ownership types from QSXZ, right holders from QSDWMC and holder codes from QSDWDM for the selected parcels; values already set are kept.</source>
        <translation>为所选地块的空值填充：权属类型取自 QSXZ，权利人取自 QSDWMC，权利人代码取自 QSDWDM；已填写的值保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="237" />
        <source>Reset form</source>
        <translation>重置表单</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="241" />
        <source>Apply to selected</source>
        <translation>应用到所选地块</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="248" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="251" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="253" />
        <source>Save edits</source>
        <translation>保存编辑</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="254" />
        <source>Save the layer's edits; the ownership values are then written to the register.</source>
        <translation>保存图层的编辑，权属信息随即写入登记库。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="263" />
        <source>Assign</source>
        <translation>确定权属</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="187" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="275" />
        <source>Confirmation sheets (PDF)…</source>
        <translation>权属确认单（PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="276" />
        <source>One PDF per right holder (the holder chosen in the filter, else those of the selected parcels, else all): parcels, areas, a map, signature lines.</source>
        <translation>每个权利人一份 PDF（筛选中选定的权利人，否则为所选地块的权利人，否则为全部）：地块、面积、附图和签字栏。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="366" />
        <source>Layer {layer} has no PARCEL_ID field: assignments can be made but not kept in the register. Use the output of the split or the accounting.</source>
        <translation>图层 {layer} 没有 PARCEL_ID 字段：可以填写权属，但无法记入登记库。请使用切分或核算的输出图层。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="462" />
        <source>{shown} of {total} parcels shown; {selected} selected</source>
        <translation>显示 {shown}/{total} 个地块，已选 {selected} 个</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="464" />
        <source>{n} parcels selected — changed fields (highlighted) are applied to all of them.</source>
        <translation>已选 {n} 个地块——修改过的字段（高亮显示）将应用到全部所选地块。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="810" />
        <source>Select parcels first (in the table or on the map).</source>
        <translation>请先（在表格或地图上）选择地块。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="538" />
        <source>Nothing was changed:</source>
        <translation>未作任何修改：</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="541" />
        <source>Nothing to apply: change a field in the form first.</source>
        <translation>没有可应用的修改：请先在表单中修改字段。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="545" />
        <source>Assign ownership to {n} parcels</source>
        <translation>为 {n} 个地块确定权属</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="551" />
        <source>Applied to {n} parcels: {v} values changed in one undoable edit. Save the edits to write them to the register.</source>
        <translation>已应用到 {n} 个地块：在一次可撤销的编辑中修改了 {v} 个值。保存编辑后写入登记库。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="554" />
        <source>The selected parcels already have these values; nothing was changed.</source>
        <translation>所选地块已是这些值，未作任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="578" />
        <source>Layer {layer} has none of the 三调 fields QSXZ, QSDWMC, QSDWDM.</source>
        <translation>图层 {layer} 没有三调字段 QSXZ、QSDWMC、QSDWDM 中的任何一个。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="588" />
        <source>Fill ownership from 三调 for {n} parcels</source>
        <translation>按三调为 {n} 个地块填充权属</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="592" />
        <source>From 三调: ownership type filled for {a} parcels, right holder for {b}, holder code for {c}; values already set were kept.</source>
        <translation>按三调填充：权属类型 {a} 个地块，权利人 {b} 个，权利人代码 {c} 个；已填写的值保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="610" />
        <source>There are no edits to save.</source>
        <translation>没有需要保存的编辑。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="615" />
        <source>The edits of layer {layer} could not be saved:</source>
        <translation>图层 {layer} 的编辑无法保存：</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="619" />
        <source>Saved the edits of layer {layer}.</source>
        <translation>已保存图层 {layer} 的编辑。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="624" />
        <source>Saved; register updated: {n} field changes for {p} parcels, each with an audit row.</source>
        <translation>已保存；登记库已更新：{p} 个地块的 {n} 处字段修改，每处均有审计记录。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="638" />
        <source>{n} saved parcels are not yet in the register.</source>
        <translation>已保存的 {n} 个地块尚未写入登记库。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="681" />
        <source>No register: saved ownership edits stay in the layer only.</source>
        <translation>未设置登记库：保存的权属修改只保留在图层中。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="684" />
        <source>The register will be created when the edits are first saved.</source>
        <translation>首次保存编辑时将新建登记库。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="694" />
        <source>Register: {n} parcels assigned.</source>
        <translation>登记库：已登记 {n} 个地块。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="706" />
        <source>The register holds ownership values for {n} parcels of this layer that the layer lacks or has differently.</source>
        <translation>登记库中有本图层 {n} 个地块的权属信息，图层中缺少或与之不同。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="771" />
        <source>Choose a parcel layer and an existing register first.</source>
        <translation>请先选择地块图层和已有的登记库。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="779" />
        <source>Layer {layer} has no PARCEL_ID field.</source>
        <translation>图层 {layer} 没有 PARCEL_ID 字段。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="782" />
        <source>Take ownership from the register</source>
        <translation>从登记库读取权属</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="789" />
        <source>From the register: {a} parcels by PARCEL_ID, {b} by BSM; {c} not in it. {v} values changed in one undoable edit.</source>
        <translation>从登记库读取：按 PARCEL_ID 匹配 {a} 个地块，按 BSM 匹配 {b} 个；{c} 个不在登记库中。在一次可撤销的编辑中修改了 {v} 个值。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="813" />
        <source>There is no map canvas to zoom.</source>
        <translation>没有可缩放的地图画布。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="853" />
        <source>No right holder to print: assign right holders first.</source>
        <translation>没有可打印的权利人：请先填写权利人。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="857" />
        <source>{n} confirmation sheets written to {folder}.</source>
        <translation>已将 {n} 份权属确认单写入 {folder}。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="861" />
        <source>Folder for the confirmation sheets</source>
        <translation>权属确认单的保存文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/register_sync.py" line="135" />
        <source>Saved. No project register is set: the ownership changes are in the layer only.</source>
        <translation>已保存。未设置项目登记库：权属修改只保留在图层中。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="155" />
        <source>Drawing the map needs the Python package matplotlib (Debian: python3-matplotlib); no map was drawn.</source>
        <translation>绘制地图需要 Python 包 matplotlib（Debian：python3-matplotlib）；未绘制地图。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="190" />
        <source>Discount and growth rates must be above −100 %.</source>
        <translation>贴现率和增长率必须大于 −100 %。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="191" />
        <source>The term must be at least 1 year, got {years}.</source>
        <translation>期限至少为 1 年，实际为 {years}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="192" />
        <source>Carbon sequestration sold as a carbon-sink trade was left out on {n} parcel(s): {value:,.2f} 元/a (V_CO2).</source>
        <translation>已作为碳汇交易出售的固碳价值在 {n} 个图斑上扣除：{value:,.2f} 元/年（V_CO2）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="193" />
        <source>{n} parcel(s) not eligible for trade were left out.</source>
        <translation>已排除 {n} 个不可入市交易的图斑。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="194" />
        <source>The parcels lack the value field(s) {fields}; run the accounting first.</source>
        <translation>图斑缺少价值字段 {fields}；请先进行价值核算。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="195" />
        <source>Carbon exclusion asked but the parcels have no V_CO2 field; nothing was taken out.</source>
        <translation>要求扣除碳汇，但图斑没有 V_CO2 字段；未扣除任何价值。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="196" />
        <source>Choose at least one value class.</source>
        <translation>请至少选择一个价值类别。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="197" />
        <source>No ELIGIBLE field: every parcel is included; run the ownership assignment to check eligibility.</source>
        <translation>没有 ELIGIBLE 字段：全部图斑均计入；请运行权属确定以检查入市资格。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="198" />
        <source>No parcel is left to value.</source>
        <translation>没有可计算的图斑。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="199" />
        <source>Unknown value classes {classes}.</source>
        <translation>未知的价值类别 {classes}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="200" />
        <source>{name} is not an amount: {value}.</source>
        <translation>{name} 不是金额：{value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="201" />
        <source>Unknown allocation {mode}; use value, area or none.</source>
        <translation>未知的分配方式 {mode}；请使用 value、area 或 none。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="202" />
        <source>Parcels without a right holder (HOLDER): {parcels}.</source>
        <translation>没有权利人（HOLDER）的图斑：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="203" />
        <source>The costs ({costs} 元) exceed the gross revenue ({gross} 元).</source>
        <translation>费用（{costs} 元）超过交易总收入（{gross} 元）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="204" />
        <source>{name} must not be negative ({value}).</source>
        <translation>{name} 不能为负数（{value}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="205" />
        <source>The parcels have no AREA_M2 field.</source>
        <translation>图斑没有 AREA_M2 字段。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="206" />
        <source>The parcels have no HOLDER field; assign ownership first or choose not to split.</source>
        <translation>图斑没有 HOLDER 字段；请先确定权属，或选择不拆分。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="207" />
        <source>Splitting among right holders needs the trade's parcels.</source>
        <translation>在权利人之间拆分需要交易图斑。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="208" />
        <source>The parcels have neither appraised values (APPR_MAT, APPR_REG, APPR_CUL) nor V_TOTAL.</source>
        <translation>图斑既没有评估价值（APPR_MAT、APPR_REG、APPR_CUL），也没有 V_TOTAL。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="209" />
        <source>No appraised values (APPR_MAT, APPR_REG, APPR_CUL): holders' shares follow the accounted value V_TOTAL instead.</source>
        <translation>没有评估价值（APPR_MAT、APPR_REG、APPR_CUL）：权利人份额改按核算价值 V_TOTAL 计算。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="210" />
        <source>Every parcel has a zero {basis}; the holders' shares cannot be computed.</source>
        <translation>所有图斑的 {basis} 均为零；无法计算权利人份额。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="211" />
        <source>Unknown share categories {values}; use FEEDBACK, COLLECTIVE, VILLAGERS, INVESTOR, OPERATOR or OTHER.</source>
        <translation>未知的分配类别 {values}；请使用 FEEDBACK、COLLECTIVE、VILLAGERS、INVESTOR、OPERATOR 或 OTHER。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="212" />
        <source>Share percentages must be numbers ≥ 0: {values}.</source>
        <translation>分配比例必须是 ≥ 0 的数字：{values}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="213" />
        <source>Give the shares (SHARES or SHARES_TABLE).</source>
        <translation>请给出分配比例（SHARES 或 SHARES_TABLE）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="214" />
        <source>The shares have {n} cells, not a multiple of three (recipient, category, percent).</source>
        <translation>分配比例有 {n} 个单元格，不是 3 的倍数（收益对象、类别、比例）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="215" />
        <source>The share percentages add up to {total} %, not 100 %.</source>
        <translation>分配比例合计为 {total} %，不是 100 %。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="216" />
        <source>The shares table needs three columns (recipient, category, percent); it has {n}.</source>
        <translation>分配比例表需要三列（收益对象、类别、比例）；实际为 {n} 列。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="217" />
        <source>{name} is not a date (YYYY-MM-DD): {value}.</source>
        <translation>{name} 不是日期（YYYY-MM-DD）：{value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="31" />
        <source>Trading</source>
        <translation>交易</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="42" />
        <source>Present value of accounted value over a term</source>
        <translation>期限内核算价值现值</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="45" />
        <source>Computes, per parcel, the present value of the accounted annual value (核算价值现值) over an operating term: PV = Σ_{t=1..n} V·(1+g)^(t−1)/(1+r)^t, or n·V/(1+r) when r = g, with V the annual value of the chosen classes, r the discount rate and g the growth rate. This is not a price: the reference price (参考价) comes from a third-party appraisal and the transaction price from the trade. When the carbon sink of the parcels is sold separately as a carbon-sink trade, carbon sequestration (V_CO2) is left out of the regulating value and the amount is reported.</source>
        <translation>逐图斑计算经营期限内年核算价值的现值（核算价值现值）：PV = Σ_{t=1..n} V·(1+g)^(t−1)/(1+r)^t，r = g 时为 n·V/(1+r)；V 为所选类别的年价值，r 为贴现率，g 为增长率。这不是价格：参考价来自第三方评估，成交价来自交易。若图斑的碳汇另行作为碳汇交易出售，则从调节服务价值中扣除固碳价值（V_CO2），并报告扣除金额。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="55" />
        <source>Parcels with V_MAT, V_REG and V_CUL (元/a), usually the accounting output; ELIGIBLE and V_CO2 are used when present.</source>
        <translation>含 V_MAT、V_REG、V_CUL（元/年）的图斑，通常为价值核算的输出；若有 ELIGIBLE 和 V_CO2 字段则一并使用。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="58" />
        <source>Value classes</source>
        <translation>价值类别</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="58" />
        <source>Material supply</source>
        <translation>物质供给</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="58" />
        <source>Regulating services</source>
        <translation>调节服务</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="58" />
        <source>Cultural services</source>
        <translation>文化服务</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="58" />
        <source>The classes whose value the operating right covers; the others get a present value of 0.</source>
        <translation>经营权涵盖的价值类别；其他类别的现值记为 0。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="92" />
        <source>Term (years)</source>
        <translation>期限（年）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="63" />
        <source>The operating term n in whole years; values arrive at the end of each year.</source>
        <translation>经营期限 n（整年）；价值按每年年末计。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="66" />
        <source>Discount rate (% per year)</source>
        <translation>贴现率（%/年）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="66" />
        <source>The annual discount rate r in percent (required; 0 gives the undiscounted sum).</source>
        <translation>年贴现率 r（百分比，必填；0 表示不贴现的合计）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="69" />
        <source>Growth rate (% per year)</source>
        <translation>增长率（%/年）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="69" />
        <source>The annual growth g of the value in percent (default 0).</source>
        <translation>价值的年增长率 g（百分比，默认 0）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="73" />
        <source>Eligible parcels only</source>
        <translation>仅可入市图斑</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="73" />
        <source>Keep only parcels with ELIGIBLE = 1; without an ELIGIBLE field every parcel is kept and that is reported.</source>
        <translation>仅保留 ELIGIBLE = 1 的图斑；没有 ELIGIBLE 字段时保留全部图斑并予以提示。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="76" />
        <source>Carbon sink sold separately</source>
        <translation>碳汇另行出售</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="76" />
        <source>The carbon sink of these parcels is (or will be) sold as a carbon-sink trade: leave carbon sequestration (V_CO2) out of the regulating value so it is not counted twice.</source>
        <translation>这些图斑的碳汇已（或将）作为碳汇交易出售：从调节服务价值中扣除固碳价值（V_CO2），避免重复计算。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="82" />
        <source>Parcels with present value</source>
        <translation>含现值的图斑</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="82" />
        <source>The parcels with PV_MAT, PV_REG, PV_CUL and PV_VALUE (元, present value of accounted value, not a price).</source>
        <translation>含 PV_MAT、PV_REG、PV_CUL 和 PV_VALUE 的图斑（元，核算价值现值，不是价格）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="86" />
        <source>Total present value of accounted value (元)</source>
        <translation>核算价值现值合计（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="94" />
        <source>Give the discount rate (DISCOUNT_RATE).</source>
        <translation>请给出贴现率（DISCOUNT_RATE）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="113" />
        <source>Term {n} years, discount rate {r:g} %, growth rate {g:g} %: present-value factor {f:.6f}.</source>
        <translation>期限 {n} 年，贴现率 {r:g} %，增长率 {g:g} %：现值系数 {f:.6f}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="115" />
        <source>Present value of accounted value (核算价值现值, not a price) of {n} parcel(s): {total:,.2f} 元.</source>
        <translation>{n} 个图斑的核算价值现值（不是价格）：{total:,.2f} 元。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="44" />
        <source>Feedback to soil erosion control (反哺水土流失治理)</source>
        <translation>反哺水土流失治理</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="45" />
        <source>Village collective (村集体)</source>
        <translation>村集体</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="45" />
        <source>Villagers (村民)</source>
        <translation>村民</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="46" />
        <source>Investor (投资主体)</source>
        <translation>投资主体</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="46" />
        <source>Operator (经营主体)</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="46" />
        <source>Other (其他)</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="88" />
        <source>Revenue distribution plan</source>
        <translation>收益分配方案</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="107" />
        <source>Trade parcels</source>
        <translation>交易图斑</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="107" />
        <source>The trade's parcels with HOLDER, APPR_MAT/APPR_REG/APPR_CUL or V_TOTAL, AREA_M2 and V_MAT/V_REG/V_CUL.</source>
        <translation>交易的图斑，含 HOLDER、APPR_MAT/APPR_REG/APPR_CUL 或 V_TOTAL、AREA_M2 以及 V_MAT/V_REG/V_CUL。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="110" />
        <source>Gross revenue (元)</source>
        <translation>交易总收入（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="110" />
        <source>The trade's gross revenue in 元.</source>
        <translation>交易总收入（元）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="113" />
        <source>Accounting fee (元)</source>
        <translation>核算费（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="113" />
        <source>The value-accounting fee in 元.</source>
        <translation>价值核算费用（元）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="113" />
        <source>Appraisal fee (元)</source>
        <translation>评估费（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="113" />
        <source>The third-party appraisal fee in 元.</source>
        <translation>第三方评估费用（元）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="159" />
        <source>Platform fee (元)</source>
        <translation>平台交易费（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="113" />
        <source>Other transaction costs (元)</source>
        <translation>其他交易费用（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="113" />
        <source>Other transaction costs in 元.</source>
        <translation>其他交易费用（元）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="136" />
        <source>Shares</source>
        <translation>分配比例</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="136" />
        <source>Recipient</source>
        <translation>收益对象</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="136" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="136" />
        <source>Percent</source>
        <translation>比例（%）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="136" />
        <source>One row per share: recipient label, category (FEEDBACK, COLLECTIVE, VILLAGERS, INVESTOR, OPERATOR, OTHER or the Chinese label) and percent of NET; with qgis_process give the cells flat: SHARES=县水利局,FEEDBACK,20,村集体,COLLECTIVE,80.</source>
        <translation>每行一个分配项：收益对象名称、类别（FEEDBACK、COLLECTIVE、VILLAGERS、INVESTOR、OPERATOR、OTHER 或中文名称）和占 NET 的比例；用 qgis_process 时按顺序平铺单元格：SHARES=县水利局,FEEDBACK,20,村集体,COLLECTIVE,80。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="142" />
        <source>Shares table (CSV)</source>
        <translation>分配比例表（CSV）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="142" />
        <source>Instead of SHARES: a CSV with the columns recipient, category and percent (a header row is allowed).</source>
        <translation>代替 SHARES：含收益对象、类别和比例三列的 CSV（可有表头行）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="146" />
        <source>Split collective and villager shares by</source>
        <translation>村集体和村民份额的拆分依据</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="146" />
        <source>Appraised value</source>
        <translation>评估价值</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="146" />
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="146" />
        <source>Do not split</source>
        <translation>不拆分</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="146" />
        <source>How COLLECTIVE and VILLAGERS lines are split among the right holders: by appraised value (V_TOTAL when there are none), by area, or not at all.</source>
        <translation>COLLECTIVE 和 VILLAGERS 分配行如何在权利人之间拆分：按评估价值（没有时用 V_TOTAL）、按面积，或不拆分。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="151" />
        <source>Revenue distribution</source>
        <translation>收益分配</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="151" />
        <source>A table with RECIPIENT, CATEGORY, HOLDER, PERCENT (of NET) and AMOUNT (元).</source>
        <translation>含 RECIPIENT、CATEGORY、HOLDER、PERCENT（占 NET 的比例）和 AMOUNT（元）的表。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="157" />
        <source>Net revenue (元)</source>
        <translation>净收益（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="158" />
        <source>Regulating and cultural part (元)</source>
        <translation>调节和文化服务部分（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="169" />
        <source>Give SHARES or SHARES_TABLE, not both.</source>
        <translation>请给出 SHARES 或 SHARES_TABLE，不要同时给出。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="186" />
        <source>Gross {gross:,.2f} 元 − costs {costs:,.2f} 元 = net {net:,.2f} 元.</source>
        <translation>总收入 {gross:,.2f} 元 − 费用 {costs:,.2f} 元 = 净收益 {net:,.2f} 元。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="189" />
        <source>appraised value</source>
        <translation>评估价值</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="189" />
        <source>accounted value V_TOTAL</source>
        <translation>核算价值 V_TOTAL</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="190" />
        <source>area</source>
        <translation>面积</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="191" />
        <source>Collective and villager shares split among right holders by {basis}.</source>
        <translation>村集体和村民份额按{basis}在权利人之间拆分。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="198" />
        <source>Regulating and cultural part ({share:.1%} of value): {amount:,.2f} 元, in principle for rural infrastructure, villagers' income and soil and water conservation function.</source>
        <translation>调节和文化服务部分（占价值 {share:.1%}）：{amount:,.2f} 元，原则上用于农村基础设施建设、村民增收和水土保持功能提升。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="168" />
        <source>The pledge amount must be positive.</source>
        <translation>抵质押金额必须为正数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="169" />
        <source>Pledge kind must be RIGHT or REVENUE, got {kind}.</source>
        <translation>抵质押类型必须是 RIGHT 或 REVENUE，实际为 {kind}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="170" />
        <source>The pledge ends ({end}) before it starts ({start}).</source>
        <translation>抵质押结束日期（{end}）早于开始日期（{start}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="171" />
        <source>Pledge {pledge} already exists; give a release date to release it.</source>
        <translation>抵质押 {pledge} 已存在；如要解除，请给出解除日期。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="172" />
        <source>Pledge {pledge} lacks {fields}.</source>
        <translation>抵质押 {pledge} 缺少 {fields}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="173" />
        <source>Give a pledge id.</source>
        <translation>请给出抵质押编号。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="174" />
        <source>Certificate numbering scheme {scheme} is not valid (use {{county}}, {{year}} and {{seq}}, e.g. {{county}}-{{year}}-{{seq:04d}}).</source>
        <translation>交易凭证编号规则 {scheme} 无效（请使用 {{county}}、{{year}} 和 {{seq}}，例如 {{county}}-{{year}}-{{seq:04d}}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="175" />
        <source>{field} must be a number, got {value}.</source>
        <translation>{field} 必须是数字，实际为 {value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="176" />
        <source>OPERATOR_CD is not a valid unified social credit code or resident ID number.</source>
        <translation>OPERATOR_CD 不是有效的统一社会信用代码或居民身份证号码。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="177" />
        <source>PAYMENT_SCHEDULE must be date:amount pairs separated by ';', got {value}.</source>
        <translation>PAYMENT_SCHEDULE 必须是以“;”分隔的“日期:金额”，实际为 {value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="178" />
        <source>Unknown trade status {status}; use {statuses}.</source>
        <translation>未知的交易状态 {status}；请使用 {statuses}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="179" />
        <source>Trade {trade} already exists.</source>
        <translation>交易 {trade} 已存在。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="180" />
        <source>Trade {trade}: parcels not eligible for trade: {parcels}.</source>
        <translation>交易 {trade}：不可入市交易的图斑：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="181" />
        <source>Trade {trade} is not in the register.</source>
        <translation>登记簿中没有交易 {trade}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="183" />
        <source>Trade {trade} cannot be {status}: missing {fields}.</source>
        <translation>交易 {trade} 不能进入 {status} 状态：缺少 {fields}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="184" />
        <source>Give a trade id.</source>
        <translation>请给出交易编号。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="185" />
        <source>Trade {trade} has no scheduled payment {seq}.</source>
        <translation>交易 {trade} 没有第 {seq} 期计划付款。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="186" />
        <source>Trade {trade} is {status}; it can only move forward (not to {to}).</source>
        <translation>交易 {trade} 当前为 {status}；只能向后推进（不能改为 {to}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="187" />
        <source>Trade {trade}: parcels without a seller: {parcels}.</source>
        <translation>交易 {trade}：没有出让主体的图斑：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="188" />
        <source>Parcels {parcels} carry the priority operating right of investor(s) {investors}, but the operator is someone else and no PRIORITY_WAIVER is recorded.</source>
        <translation>图斑 {parcels} 上有投资主体 {investors} 的优先经营权，但经营主体为他人，且未记录放弃优先经营权（PRIORITY_WAIVER）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="189" />
        <source>Unknown trade fields {fields}.</source>
        <translation>未知的交易字段 {fields}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="79" />
        <source>When given, V_CO2 is also left out on every parcel covered by a trade in the register whose product type contains 碳汇 (carbon sink).</source>
        <translation>给出时，登记簿中产品类型含“碳汇”的交易所涉及的图斑也扣除 V_CO2。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/reference_price.py" line="107" />
        <source>The register's carbon-sink trades cover {n} parcel(s).</source>
        <translation>登记簿中的碳汇交易涉及 {n} 个图斑。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="35" />
        <source>Register a pledge</source>
        <translation>登记抵质押</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="38" />
        <source>Records in the project register a pledge (抵质押, green finance) of an operating right or of a revenue stream: the parcels or the trade, the lender, the amount, the term. Run again with the same pledge id and a release date to record its release. swcvalue:tradestatus lists pledges ending.</source>
        <translation>在项目登记簿中登记经营权或收益权的抵质押（绿色金融）：图斑或交易、贷款机构、金额、期限。用同一抵质押编号和解除日期再次运行即登记解除。swcvalue:tradestatus 列出即将到期的抵质押。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="53" />
        <source>The project's register.</source>
        <translation>项目登记簿。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="67" />
        <source>Pledge id</source>
        <translation>抵质押编号</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="46" />
        <source>The pledge's identifier, e.g. the loan contract number.</source>
        <translation>抵质押编号，例如借款合同编号。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="48" />
        <source>Pledged</source>
        <translation>抵质押标的</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="478" />
        <source>Operating right</source>
        <translation>经营权</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="478" />
        <source>Revenue</source>
        <translation>收益权</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="48" />
        <source>What is pledged: the operating right or its revenue.</source>
        <translation>抵质押的标的：经营权或其收益。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="69" />
        <source>Trade id</source>
        <translation>交易编号</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="51" />
        <source>The trade whose right or revenue is pledged (a trade id or parcels are needed).</source>
        <translation>其权利或收益被抵质押的交易（需给出交易编号或图斑）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="53" />
        <source>Pledged parcels</source>
        <translation>抵质押图斑</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="53" />
        <source>The pledged parcels (PARCEL_ID).</source>
        <translation>抵质押的图斑（PARCEL_ID）。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="288" />
        <source>Lender</source>
        <translation>贷款机构</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="56" />
        <source>The lending bank or institution.</source>
        <translation>贷款银行或机构。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="123" />
        <source>Amount (元)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="58" />
        <source>The secured amount in 元.</source>
        <translation>担保金额（元）。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="93" />
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="61" />
        <source>The pledge's start, YYYY-MM-DD.</source>
        <translation>抵质押开始日期，YYYY-MM-DD。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="63" />
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="63" />
        <source>The pledge's end, YYYY-MM-DD.</source>
        <translation>抵质押结束日期，YYYY-MM-DD。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="65" />
        <source>Release date</source>
        <translation>解除日期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="65" />
        <source>The date the pledge was released (for an existing pledge id).</source>
        <translation>抵质押解除日期（用于已有的抵质押编号）。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="635" />
        <source>Pledge {pledge} released on {date}.</source>
        <translation>抵质押 {pledge} 已于 {date} 解除。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_pledge.py" line="92" />
        <source>Pledge {pledge} recorded: {amount:,.2f} 元 until {end}.</source>
        <translation>已登记抵质押 {pledge}：{amount:,.2f} 元，至 {end}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="45" />
        <source>Fields file {path} does not exist.</source>
        <translation>字段文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="49" />
        <source>Fields file {path} must hold one JSON object.</source>
        <translation>字段文件 {path} 必须包含一个 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="53" />
        <source>Fields file {path} needs two columns: key and value.</source>
        <translation>字段文件 {path} 需要两列：键和值。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="59" />
        <source>FIELDS needs key, value pairs; it has {n} cells.</source>
        <translation>FIELDS 需要成对的键和值；实际有 {n} 个单元格。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="77" />
        <source>Register a trade or move it forward</source>
        <translation>登记交易或推进交易状态</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="98" />
        <source>The trade's identifier, e.g. the platform's transaction number.</source>
        <translation>交易编号，例如交易平台的交易编号。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="100" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="100" />
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="100" />
        <source>Advance</source>
        <translation>推进</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="100" />
        <source>Create a new trade (status planned) or move an existing one forward.</source>
        <translation>新建交易（状态为拟交易）或推进已有交易。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="102" />
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="102" />
        <source>The status to move to (advance only); it may skip statuses when every field they need is given.</source>
        <translation>要推进到的状态（仅用于推进）；给出所需全部字段时可跨越多个状态。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="105" />
        <source>For create: the trade's parcels with PARCEL_ID, ELIGIBLE and SELLER (INVESTOR and PRIORITY when present); missing ownership fields are taken from the register.</source>
        <translation>新建时：交易图斑，含 PARCEL_ID、ELIGIBLE 和 SELLER（如有 INVESTOR 和 PRIORITY 一并使用）；缺少的权属字段取自登记簿。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="109" />
        <source>Trade fields</source>
        <translation>交易字段</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="109" />
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="109" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="109" />
        <source>Key, value pairs such as PRODUCT, 生态旅游经营权, SIGNING_DATE, 2025-08-31; or a single cell holding the path of a JSON object or a two-column CSV file (key, value).</source>
        <translation>键值对，例如 PRODUCT, 生态旅游经营权, SIGNING_DATE, 2025-08-31；或只填一个单元格，给出 JSON 对象文件或两列（键、值）CSV 文件的路径。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="113" />
        <source>Certificate numbering scheme</source>
        <translation>交易凭证编号规则</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="113" />
        <source>Numbers certificates when CERT_NO is not given: {county} (COUNTY), {year} (of CERT_DATE), {seq} (the county's certificates that year + 1).</source>
        <translation>未给出 CERT_NO 时按此规则编号：{county}（COUNTY）、{year}（CERT_DATE 的年份）、{seq}（该区县当年已发凭证数 + 1）。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="101" />
        <source>Certificate number</source>
        <translation>交易凭证编号</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="135" />
        <source>Ownership and eligibility taken from the register.</source>
        <translation>权属和入市资格取自登记簿。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="137" />
        <source>Trade {trade} created with {n} parcel(s): status {status}.</source>
        <translation>已新建交易 {trade}，含 {n} 个图斑：状态 {status}。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="572" />
        <source>Trade {trade} is now {status}.</source>
        <translation>交易 {trade} 现为 {status}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="28" />
        <source>Feedback plan (反哺方案) due</source>
        <translation>反哺方案到期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="28" />
        <source>Filing with the water bureau</source>
        <translation>水利部门备案</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="29" />
        <source>Filing with the development and reform commission</source>
        <translation>发展改革部门备案</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="30" />
        <source>Filing with the finance bureau</source>
        <translation>财政部门备案</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="30" />
        <source>公示 period ends</source>
        <translation>公示期结束</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="31" />
        <source>Scheduled payment</source>
        <translation>计划付款</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="31" />
        <source>Pledge ends</source>
        <translation>抵质押到期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="42" />
        <source>Trade deadlines due or overdue</source>
        <translation>交易事项到期与逾期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="45" />
        <source>Lists, as of a date, what is overdue or due within the horizon: feedback plans (signing date + 6 months, clamped to the month's end), the filings with the water, development-reform and finance departments (30 days after signing, a project convention), 公示 periods ending, scheduled payments not received and pledges not released.</source>
        <translation>列出截至某日已逾期或在期限内到期的事项：反哺方案（签约日 + 6 个月，超出当月天数时取月末）、向水利、发展改革和财政部门备案（签约后 30 天，为本项目约定）、公示期结束、未收到的计划付款以及未解除的抵质押。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="54" />
        <source>As of (YYYY-MM-DD)</source>
        <translation>截至日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="54" />
        <source>The reference date; empty: today.</source>
        <translation>参照日期；留空为今天。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="56" />
        <source>Horizon (days)</source>
        <translation>提前天数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="56" />
        <source>Items due up to this many days after the date are listed as due.</source>
        <translation>在该日期之后这么多天内到期的事项列为到期。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="59" />
        <source>Due and overdue items</source>
        <translation>到期与逾期事项</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="59" />
        <source>A table with TRADE_ID, ITEM, DUE_DATE, STATE (due/overdue), DAYS (negative: overdue) and DETAIL.</source>
        <translation>含 TRADE_ID、ITEM、DUE_DATE、STATE（due 到期/overdue 逾期）、DAYS（负数为逾期）和 DETAIL 的表。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="62" />
        <source>Overdue items</source>
        <translation>逾期事项数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="63" />
        <source>Items due</source>
        <translation>到期事项数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="74" />
        <source>Overdue: {line}</source>
        <translation>逾期：{line}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_status.py" line="76" />
        <source>Due: {line}</source>
        <translation>到期：{line}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="167" />
        <source>Trade {trade} is {status}; a certificate exists only from status certified on.</source>
        <translation>交易 {trade} 当前为 {status}；交易凭证只在 certified（已发凭证）及以后的状态才有。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="51" />
        <source>Transaction certificate</source>
        <translation>交易凭证</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="69" />
        <source>A trade with status certified or closed.</source>
        <translation>状态为 certified（已发凭证）或 closed（已关闭）的交易。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="83" />
        <source>Certificate</source>
        <translation>交易凭证</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="123" />
        <source>Certificate of trade {trade} written to {path}.</source>
        <translation>交易 {trade} 的交易凭证已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="57" />
        <source>Writes the transaction certificate and dossier (交易凭证) of a certified trade from the project register as PDF or HTML (by the file extension): certificate number and issuing departments, product, sellers, operator, the parcels with areas, ownership and values by class, term, price and payments, the distribution plan, the operator's soil and water conservation duties and monitoring indicators, and the feedback-plan due date. The PDF is a QGIS print layout with a map of the lots. Identifiers are masked. The text comes from resources/templates/certificate.html, which a county can edit; its labels are Chinese.</source>
        <translation>根据项目登记库，将已发凭证交易的交易凭证及交易档案输出为 PDF 或 HTML（按文件扩展名）：凭证编号和发证部门、产品类型、出让主体、经营主体、交易图斑及其面积、权属和分类核算价值、经营期限、成交价和付款、收益分配方案、经营主体的水土保持生态保护责任和监测指标，以及反哺方案报批截止日期。PDF 为 QGIS 打印布局，含交易地块图。证件号已脱敏。文字来自区县可编辑的 resources/templates/certificate.html，标签为中文。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="71" />
        <source>The valued parcels (PARCEL_ID, AREA_M2, DLMC, V_MAT, V_REG, V_CUL, V_TOTAL): areas, values and the map of the trade's lots. Without it the certificate lists the parcel ids only.</source>
        <translation>已核算图斑（PARCEL_ID、AREA_M2、DLMC、V_MAT、V_REG、V_CUL、V_TOTAL）：用于面积、价值和交易地块图。不提供时凭证只列出图斑编号。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="75" />
        <source>Revenue plan</source>
        <translation>收益分配方案</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="75" />
        <source>The trade's distribution plan from swcvalue:revenueplan (RECIPIENT, CATEGORY, HOLDER, PERCENT, AMOUNT).</source>
        <translation>swcvalue:revenueplan 输出的本交易收益分配方案（RECIPIENT、CATEGORY、HOLDER、PERCENT、AMOUNT）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="248" />
        <source>Templates folder</source>
        <translation>模板文件夹</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="79" />
        <source>A folder with an edited certificate.html; empty: the plugin's resources/templates.</source>
        <translation>存放已编辑的 certificate.html 的文件夹；为空时使用插件的 resources/templates。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="252" />
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="83" />
        <source>The certificate file: .pdf or .html.</source>
        <translation>凭证文件：.pdf 或 .html。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="97" />
        <source>The parcels have no PARCEL_ID field.</source>
        <translation>图斑缺少 PARCEL_ID 字段。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="108" />
        <source>{n} parcel(s) of the trade are not in the parcels layer: {ids}</source>
        <translation>交易的 {n} 个图斑不在图斑图层中：{ids}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/trade_certificate.py" line="114" />
        <source>Trade lots</source>
        <translation>交易地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="308" />
        <source>The PDF could not be written: {err}</source>
        <translation>无法写出 PDF：{err}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="43" />
        <source>Valuation report</source>
        <translation>价值核算报告</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="46" />
        <source>Writes the accounting report a county submits (生态产品价值核算报告) from the valued parcels of swcvalue:accountvalues: method and formulas, every parameter with its unit, price year and source (from the PROVENANCE table), totals and low–high ranges by value class and by land-use type, the increment from soil and water conservation measures, a map of the value per mu (V_PER_MU), charts and the parcel table. The PDF is a QGIS print layout; the text comes from resources/templates/valuation_report.html, which a county can edit. TABLES writes the tables to an Excel workbook with Chinese headers.</source>
        <translation>根据 swcvalue:accountvalues 的已核算图斑输出区县报送的生态产品价值核算报告：核算方法与公式、每个参数的取值、单位、价格年和来源（来自 PROVENANCE 表）、按价值类别和按地类的合计及上下限、水土保持措施提升价值增量、单位面积价值（V_PER_MU）分级图、统计图和图斑明细表。PDF 为 QGIS 打印布局；文字来自区县可编辑的 resources/templates/valuation_report.html。TABLES 将各表写入中文表头的 Excel 工作簿。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="57" />
        <source>The OUTPUT of swcvalue:accountvalues (AREA_M2, DLBM, DLMC, V_MAT, V_REG, V_CUL, V_TOTAL, V_TOT_LO, V_TOT_HI, DV_TOTAL, V_PER_MU).</source>
        <translation>swcvalue:accountvalues 的 OUTPUT（AREA_M2、DLBM、DLMC、V_MAT、V_REG、V_CUL、V_TOTAL、V_TOT_LO、V_TOT_HI、DV_TOTAL、V_PER_MU）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="60" />
        <source>Provenance table (CSV)</source>
        <translation>参数来源表（CSV）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="60" />
        <source>The PROVENANCE output of swcvalue:accountvalues: the parameters with unit, price year and source.</source>
        <translation>swcvalue:accountvalues 的 PROVENANCE 输出：各参数及其单位、价格年和来源。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="64" />
        <source>The accounting area named in the report.</source>
        <translation>报告中的核算区域名称。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="66" />
        <source>Accounting year</source>
        <translation>核算年度</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="66" />
        <source>The accounting year named in the report.</source>
        <translation>报告中的核算年度。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="68" />
        <source>A folder with an edited valuation_report.html; empty: the plugin's resources/templates.</source>
        <translation>存放已编辑的 valuation_report.html 的文件夹；为空时使用插件的 resources/templates。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="72" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="72" />
        <source>The report: .pdf or .html.</source>
        <translation>报告文件：.pdf 或 .html。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="74" />
        <source>Report tables</source>
        <translation>报告表格</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="74" />
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="74" />
        <source>The report's tables as an .xlsx workbook with Chinese headers.</source>
        <translation>报告各表，写入中文表头的 .xlsx 工作簿。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="89" />
        <source>The parcels lack the fields {fields}; run swcvalue:accountvalues first.</source>
        <translation>图斑缺少字段 {fields}；请先运行 swcvalue:accountvalues。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="94" />
        <source>No provenance table: the report lists no parameters.</source>
        <translation>未提供参数来源表：报告不列出参数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="106" />
        <source>The parcels have no V_PER_MU field: the report has no map.</source>
        <translation>图斑缺少 V_PER_MU 字段：报告不含地图。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/valuation_report.py" line="120" />
        <source>Valuation report written to {path}.</source>
        <translation>价值核算报告已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/ownership_dock.py" line="283" />
        <source>Trades</source>
        <translation>交易</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="75" />
        <source>Planned</source>
        <translation>拟交易</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="75" />
        <source>Accounted</source>
        <translation>已核算</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="75" />
        <source>Appraised</source>
        <translation>已评估</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="76" />
        <source>Listed</source>
        <translation>已挂牌</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="76" />
        <source>Publicised</source>
        <translation>公示</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="76" />
        <source>Signed</source>
        <translation>已签约</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="76" />
        <source>Filed</source>
        <translation>已备案</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="77" />
        <source>Certified</source>
        <translation>已发凭证</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="77" />
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="83" />
        <source>Product type</source>
        <translation>产品类型</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="83" />
        <source>Sellers</source>
        <translation>出让主体</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="83" />
        <source>Accounted value (yuan/a)</source>
        <translation>核算价值（元/年）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="84" />
        <source>Accounting date</source>
        <translation>核算日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="84" />
        <source>Appraiser</source>
        <translation>评估机构</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="85" />
        <source>Appraised value (yuan)</source>
        <translation>评估价值（元）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="85" />
        <source>Appraisal date</source>
        <translation>评估日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="86" />
        <source>Listing date</source>
        <translation>挂牌日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="86" />
        <source>Platform reference</source>
        <translation>交易平台编号</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="90" />
        <source>Publicity start</source>
        <translation>公示开始</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="90" />
        <source>Publicity end</source>
        <translation>公示结束</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="91" />
        <source>Publicity outcome</source>
        <translation>公示结果</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="94" />
        <source>Price (yuan)</source>
        <translation>成交价（元）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="94" />
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="95" />
        <source>Payment schedule (date:amount;…)</source>
        <translation>付款计划（日期:金额;…）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="95" />
        <source>Priority right waiver</source>
        <translation>优先经营权放弃声明</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="96" />
        <source>Contract number</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="193" />
        <source>Signing date</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="97" />
        <source>Revenue plan approval number</source>
        <translation>收益分配方案批准文号</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="97" />
        <source>Revenue plan approval date</source>
        <translation>收益分配方案批准日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="98" />
        <source>Filed with the water department</source>
        <translation>水利部门备案日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="99" />
        <source>Filed with the development and reform department</source>
        <translation>发展改革部门备案日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="100" />
        <source>Filed with the finance department</source>
        <translation>财政部门备案日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="100" />
        <source>County code</source>
        <translation>县（区）代码</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="101" />
        <source>Certificate date</source>
        <translation>凭证日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="102" />
        <source>Feedback plan approval number</source>
        <translation>反哺方案批准文号</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="103" />
        <source>Feedback plan approval date</source>
        <translation>反哺方案批准日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="103" />
        <source>Closing date</source>
        <translation>关闭日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="103" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="175" />
        <source>New trade id</source>
        <translation>新交易编号</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="180" />
        <source>Product type (a suggestion or free text; 碳汇 marks a carbon-sink trade)</source>
        <translation>产品类型（可选建议值或自由填写；碳汇表示碳汇交易）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="182" />
        <source>Create from selected parcels</source>
        <translation>由所选图斑创建交易</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="183" />
        <source>Create a trade (status: planned) from the parcels selected on the map; every parcel must be eligible and have a seller.</source>
        <translation>由地图上所选图斑创建交易（状态：拟交易）；每个图斑都须可交易且有出让主体。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="193" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="193" />
        <source>Feedback plan due</source>
        <translation>反哺方案期限</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="341" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="232" />
        <source>Save fields</source>
        <translation>保存字段</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="233" />
        <source>Record the changed fields without changing the status.</source>
        <translation>记录修改的字段，不改变状态。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="390" />
        <source>Advance to next status</source>
        <translation>推进到下一状态</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="238" />
        <source>Record the changed fields and move the trade to its next status; refused, with the missing fields listed, unless every required field is known.</source>
        <translation>记录修改的字段并将交易推进到下一状态；必填字段不全时拒绝并列出缺少的字段。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="243" />
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="269" />
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="249" />
        <source>Scheduled (yuan)</source>
        <translation>应付（元）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="249" />
        <source>Received</source>
        <translation>到账日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="249" />
        <source>Received (yuan)</source>
        <translation>已到账（元）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="256" />
        <source>Date received (YYYY-MM-DD)</source>
        <translation>到账日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="258" />
        <source>Record received payment</source>
        <translation>登记到账</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="259" />
        <source>Mark the selected scheduled payment as received on the date given.</source>
        <translation>将所选应付款项登记为在所填日期到账。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="263" />
        <source>Payments</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="277" />
        <source>Save feedback plan</source>
        <translation>保存反哺方案</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="278" />
        <source>Record the feedback plan's approval and the filings without changing the status.</source>
        <translation>记录反哺方案批准和备案情况，不改变状态。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="282" />
        <source>Feedback plan</source>
        <translation>反哺方案</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="288" />
        <source>Pledge</source>
        <translation>抵质押</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="288" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="288" />
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="288" />
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="288" />
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="288" />
        <source>Released</source>
        <translation>解除日期</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="293" />
        <source>Release date (YYYY-MM-DD)</source>
        <translation>解除日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="295" />
        <source>Record release</source>
        <translation>登记解除</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="299" />
        <source>Pledges</source>
        <translation>抵质押</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="313" />
        <source>Choose the project register first.</source>
        <translation>请先选择项目登记库。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="385" />
        <source>next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="390" />
        <source>Advance to {status}</source>
        <translation>推进到“{status}”</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="393" />
        <source>Select a trade, or create one from the parcels selected on the map.</source>
        <translation>请选择一项交易，或由地图上所选图斑创建交易。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="396" />
        <source>Trade {trade}: {status}, {n} parcels, sellers {sellers}.</source>
        <translation>交易 {trade}：{status}，{n} 个图斑，出让主体 {sellers}。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="444" />
        <source>No payment schedule (it is recorded when signing, as PAYMENT_SCHEDULE).</source>
        <translation>尚无付款计划（签约时以 PAYMENT_SCHEDULE 登记）。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="449" />
        <source>Scheduled {scheduled} yuan, received {received} yuan, outstanding {outstanding} yuan.</source>
        <translation>应付 {scheduled} 元，已到账 {received} 元，未付 {outstanding} 元。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="461" />
        <source>(after signing: signing date + 6 months)</source>
        <translation>（签约后：签订日期 + 6 个月）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="467" />
        <source>Approved on {date}.</source>
        <translation>已于 {date} 批准。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="469" />
        <source>Overdue by {n} days.</source>
        <translation>已逾期 {n} 天。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="471" />
        <source>Due in {n} days.</source>
        <translation>{n} 天后到期。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="512" />
        <source>Select the trade's parcels on the map first.</source>
        <translation>请先在地图上选择交易图斑。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="515" />
        <source>Layer {layer} has no PARCEL_ID field: a trade needs parcel ids.</source>
        <translation>图层 {layer} 没有 PARCEL_ID 字段：交易需要图斑编号。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="520" />
        <source>Some selected parcels have no PARCEL_ID.</source>
        <translation>部分所选图斑没有 PARCEL_ID。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="530" />
        <source>Trade {trade} created with {n} parcels (status: {status}).</source>
        <translation>已创建交易 {trade}，含 {n} 个图斑（状态：{status}）。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="547" />
        <source>Nothing changed.</source>
        <translation>没有修改。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="554" />
        <source>Trade {trade}: {n} fields recorded.</source>
        <translation>交易 {trade}：已记录 {n} 个字段。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="597" />
        <source>Select a scheduled payment first.</source>
        <translation>请先选择一笔应付款项。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="609" />
        <source>Trade {trade}: payment {seq} received on {date}.</source>
        <translation>交易 {trade}：第 {seq} 笔款项已于 {date} 到账。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="620" />
        <source>Select a pledge first.</source>
        <translation>请先选择一项抵质押。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="625" />
        <source>Give the release date.</source>
        <translation>请填写解除日期。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="193" />
        <source>Operating party</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="92" />
        <source>Operating party identifier</source>
        <translation>经营主体证件号</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="182" />
        <source>Trade {trade}: {fields} cannot be changed here.</source>
        <translation>交易 {trade}：{fields} 不能在此修改。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="48" />
        <source>The matrix has {n} cells, not a multiple of {width}.</source>
        <translation>矩阵有 {n} 个单元格，不是 {width} 的倍数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="96" />
        <source>Excluded operators</source>
        <translation>排除经营主体名单</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="64" />
        <source>Keeps the project register's list of operators that must be kept out of trades (clause 十七: operators that grab resources, chase subsidies or are seriously dishonest, 严重失信). Entries come from a CSV (UTF-8, with or without BOM) and/or the ROWS matrix with the columns NAME, IDENT, REASON, SOURCE, LISTED_DATE, EXPIRY; NAME, REASON and SOURCE are required, IDENT must be a valid unified social credit code or resident ID number. A bad row stops the run naming its row and column, and nothing is written. An entry with the identifier (else the normalised name) of an existing one updates it. REMOVE takes entries off the list. Every addition, change and removal is kept in the append-only excluded_operator_event table. Trades refuse an operator or parcel investor on the list from LISTED_DATE to EXPIRY (registertrade). The output lists the entries with STATE active, expired or pending on AS_OF, identifiers masked.</source>
        <translation>维护项目登记簿中须排除在交易之外的经营主体名单（第十七条：圈占资源、套取补贴或严重失信的经营主体）。条目来自 CSV 文件（UTF-8，带或不带 BOM）和/或 ROWS 矩阵，列为 NAME、IDENT、REASON、SOURCE、LISTED_DATE、EXPIRY；NAME、REASON 和 SOURCE 必填，IDENT 须为有效的统一社会信用代码或居民身份证号码。任何一行有误时运行停止并指出行号和列名，不写入任何内容。与已有条目证件号相同（无证件号时规范化名称相同）的条目将更新该条目。REMOVE 将条目移出名单。每次列入、修改和移出都记入只追加的 excluded_operator_event 表。经营主体或图斑投资主体在 LISTED_DATE 至 EXPIRY 期间位于名单上时，交易登记（registertrade）予以拒绝。输出列出各条目在 AS_OF 日的状态 STATE（active 有效、expired 已过期、pending 尚未生效），证件号脱敏显示。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="78" />
        <source>The project's register; a path that does not exist creates one, an older one is upgraded.</source>
        <translation>项目登记簿；路径不存在时新建，旧版本的登记簿会被升级。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="80" />
        <source>List to import (CSV)</source>
        <translation>导入名单（CSV）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="80" />
        <source>A CSV with a header row: NAME, IDENT, REASON, SOURCE, LISTED_DATE, EXPIRY (or the Chinese headers 名称, 统一社会信用代码, 原因, 来源, 列入日期, 有效期至).</source>
        <translation>带表头行的 CSV：NAME、IDENT、REASON、SOURCE、LISTED_DATE、EXPIRY（或中文表头 名称、统一社会信用代码、原因、来源、列入日期、有效期至）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="84" />
        <source>Entries to add</source>
        <translation>列入的条目</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="84" />
        <source>One row per entry: NAME, IDENT (may be empty), REASON, SOURCE, LISTED_DATE, EXPIRY (YYYY-MM-DD, may be empty); with qgis_process give the six cells of each row flat, comma-separated.</source>
        <translation>每个条目一行：NAME、IDENT（可空）、REASON、SOURCE、LISTED_DATE、EXPIRY（YYYY-MM-DD，可空）；使用 qgis_process 时将每行的六个单元格依次用逗号分隔给出。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="89" />
        <source>Entries to remove</source>
        <translation>移出的条目</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="89" />
        <source>One row per entry to take off the list: NAME and/or IDENT.</source>
        <translation>每个要移出名单的条目一行：NAME 和/或 IDENT。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="92" />
        <source>Reason for removal</source>
        <translation>移出原因</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="92" />
        <source>Recorded with each removal, e.g. the decision that took the operator off the list.</source>
        <translation>随每次移出一并记录，例如将该主体移出名单的决定文件。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="94" />
        <source>The date for STATE; empty: today.</source>
        <translation>计算状态 STATE 的日期；为空时取今天。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="96" />
        <source>The list: NAME, IDENT (masked), REASON, SOURCE, LISTED_DATE, EXPIRY, STATE (active, expired, pending), UPDATED_AT, UPDATED_BY.</source>
        <translation>名单：NAME、IDENT（脱敏）、REASON、SOURCE、LISTED_DATE、EXPIRY、STATE（active 有效、expired 已过期、pending 尚未生效）、UPDATED_AT、UPDATED_BY。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="99" />
        <source>Entries added</source>
        <translation>新列入条目数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="99" />
        <source>Entries updated</source>
        <translation>更新条目数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="99" />
        <source>Entries removed</source>
        <translation>移出条目数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="99" />
        <source>Active entries</source>
        <translation>有效条目数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="99" />
        <source>Expired entries</source>
        <translation>已过期条目数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="131" />
        <source>Excluded-operator list: {added} added, {updated} updated, {unchanged} unchanged, {removed} removed.</source>
        <translation>排除经营主体名单：新列入 {added} 条，更新 {updated} 条，未变 {unchanged} 条，移出 {removed} 条。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="134" />
        <source>active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="134" />
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/excluded_operators.py" line="134" />
        <source>not yet in force</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="51" />
        <source>Listing package</source>
        <translation>挂牌材料</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="57" />
        <source>Writes what the public resource trading platform publishes for a trade (挂牌材料, clause 十): the basic information, the parcels with land use and areas, the appraisal result, the permitted operating forms, the eligible operator scope, the proposed price and terms and the contact, as JSON and .xlsx; the lot boundary as GeoJSON (WGS 84 longitude/latitude) and as GeoPackage in the parcels' CRS (lot and parcels, precise); and a PDF summary with a map. The trade must be appraised or later and have every listing field; each trade parcel must be in the parcels layer with a consistent area and seller; an operator or investor on the excluded-operator list stops it. The GeoJSON and the PDF map are generalised (10 m) with 4 decimals unless PRECISE is set. Publishing a map in China may require map review (审图号).</source>
        <translation>生成公共资源交易平台为一宗交易发布的挂牌材料（第十条）：基本信息、地块及地类和面积、评估结果、允许的经营方式、受让方资格条件、挂牌价与交易条件、联系方式，输出为 JSON 和 .xlsx；地块边界输出为 GeoJSON（WGS 84 经纬度）和图斑图层坐标系下的 GeoPackage（交易范围及图斑，精确边界）；另附带地图的 PDF 摘要。交易须处于“已评估”或之后的状态并填齐全部挂牌字段；每个交易图斑须在图斑图层中，面积和出让主体须一致；经营主体或投资主体列入排除名单的，不予生成。除非选择“精确边界”，GeoJSON 和 PDF 地图使用概化边界（10 米）和 4 位小数。在中国境内公开发布地图可能需要送审（审图号）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="71" />
        <source>A trade with status appraised or later and the listing fields LISTING_PRICE, TERM_YEARS, OPERATING_FORMS, OPERATOR_SCOPE and CONTACT (swcvalue:registertrade).</source>
        <translation>状态为“已评估”或之后、且已填写挂牌字段 LISTING_PRICE、TERM_YEARS、OPERATING_FORMS、OPERATOR_SCOPE 和 CONTACT 的交易（swcvalue:registertrade）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="74" />
        <source>The parcels with PARCEL_ID (AREA_M2, DLBM, DLMC, ZLDWMC and SELLER used when present), in a projected CRS.</source>
        <translation>含 PARCEL_ID 的图斑图层（如有 AREA_M2、DLBM、DLMC、ZLDWMC 和 SELLER 字段则一并使用），须为投影坐标系。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="69" />
        <source>Precise boundaries</source>
        <translation>精确边界</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="77" />
        <source>Write the GeoJSON and the PDF map with precise boundaries (7 decimals, not generalised), only on request; the default is the public generalised boundary. The GeoPackage is always precise.</source>
        <translation>GeoJSON 和 PDF 地图使用精确边界（7 位小数，不概化），仅在有要求时使用；默认为公开用的概化边界。GeoPackage 始终为精确边界。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="80" />
        <source>Screening date</source>
        <translation>名单核查日期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="80" />
        <source>The day (YYYY-MM-DD) the excluded-operator list is checked; empty: today.</source>
        <translation>核查排除名单的日期（YYYY-MM-DD）；留空：今天。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="82" />
        <source>A folder with an edited listing.html; empty: the plugin's resources/templates.</source>
        <translation>存放修改后的 listing.html 的文件夹；留空：使用插件的 resources/templates。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="85" />
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="85" />
        <source>The folder for the files [TRADE_ID]_listing.json, .xlsx, .geojson, .gpkg and .pdf (existing files of those names are replaced).</source>
        <translation>存放文件 [TRADE_ID]_listing.json、.xlsx、.geojson、.gpkg 和 .pdf 的文件夹（同名文件将被替换）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="88" />
        <source>Listing (JSON)</source>
        <translation>挂牌信息（JSON）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="88" />
        <source>Listing (.xlsx)</source>
        <translation>挂牌信息（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="88" />
        <source>Lot boundary (GeoJSON)</source>
        <translation>交易范围边界（GeoJSON）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="88" />
        <source>Lot and parcels (GeoPackage)</source>
        <translation>交易范围及图斑（GeoPackage）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="88" />
        <source>Listing summary (PDF)</source>
        <translation>挂牌信息摘要（PDF）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="92" />
        <source>Proposed price (元)</source>
        <translation>挂牌价（元）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="109" />
        <source>Checking the listing</source>
        <translation>正在核查挂牌材料</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="120" />
        <source>Listing package of trade {trade} written to {folder}.</source>
        <translation>交易 {trade} 的挂牌材料已写入 {folder}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/listing_package.py" line="151" />
        <source>Lot boundary</source>
        <translation>交易范围边界</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="219" />
        <source>Excluded-operator list, row {row}, column {column}: {value} is not a date (YYYY-MM-DD).</source>
        <translation>排除经营主体名单第 {row} 行 {column} 列：{value} 不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="220" />
        <source>Excluded-operator list, row {row}, column IDENT: {value} is not a valid unified social credit code or resident ID number.</source>
        <translation>排除经营主体名单第 {row} 行 IDENT 列：{value} 不是有效的统一社会信用代码或居民身份证号码。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="221" />
        <source>Excluded-operator list, row {row}, column {column}: the same operator as row {first}.</source>
        <translation>排除经营主体名单第 {row} 行 {column} 列：与第 {first} 行为同一主体。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="222" />
        <source>Excluded-operator list, row {row}, column EXPIRY: {expiry} is before LISTED_DATE {listed}.</source>
        <translation>排除经营主体名单第 {row} 行 EXPIRY 列：{expiry} 早于列入日期 LISTED_DATE {listed}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="223" />
        <source>The excluded-operator list lacks the column(s) {columns}.</source>
        <translation>排除经营主体名单缺少列 {columns}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="224" />
        <source>Excluded-operator list, row {row}: column {column} is empty.</source>
        <translation>排除经营主体名单第 {row} 行：{column} 列为空。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="225" />
        <source>Excluded-operator list {path} does not exist.</source>
        <translation>排除经营主体名单 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="226" />
        <source>{name} is not on the excluded-operator list; nothing was removed.</source>
        <translation>{name} 不在排除经营主体名单上；未移出任何条目。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="227" />
        <source>Excluded-operator list {path} is not UTF-8 text; save it as CSV UTF-8.</source>
        <translation>排除经营主体名单 {path} 不是 UTF-8 文本；请另存为“CSV UTF-8”格式。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="228" />
        <source>Excluded-operator row {row} has {n} cells; the columns are {allowed}.</source>
        <translation>排除经营主体名单第 {row} 行有 {n} 个单元格；列应为 {allowed}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="229" />
        <source>Unknown columns in the excluded-operator list: {columns}; use {allowed}.</source>
        <translation>排除经营主体名单中有未知列：{columns}；请使用 {allowed}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="230" />
        <source>Trade {trade} refused: {role} {name} is on the excluded-operator list on {as_of} — reason: {reason}; source: {source}; expiry: {expiry}. Parties on the list: {count} ({parties}).</source>
        <translation>交易 {trade} 被拒绝：{role} {name} 在 {as_of} 位于排除经营主体名单上——原因：{reason}；来源：{source}；有效期至：{expiry}。名单上的相关主体：{count} 个（{parties}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="231" />
        <source>Trade {trade}: {role} {name} is on the excluded-operator list on {as_of} — reason: {reason}; source: {source}; expiry: {expiry}. Parties on the list: {count} ({parties}).</source>
        <translation>交易 {trade}：{role} {name} 在 {as_of} 位于排除经营主体名单上——原因：{reason}；来源：{source}；有效期至：{expiry}。名单上的相关主体：{count} 个（{parties}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="232" />
        <source>PLATFORM_MARGIN must be a percentage ≥ 0, got {value}.</source>
        <translation>PLATFORM_MARGIN 必须是 ≥ 0 的百分比，实际为 {value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="233" />
        <source>COST_PLATFORM {given} 元 differs from the platform fee {computed} 元 computed from PLATFORM_COSTS and PLATFORM_MARGIN; give one or make them agree.</source>
        <translation>COST_PLATFORM {given} 元与按 PLATFORM_COSTS 和 PLATFORM_MARGIN 计算的平台服务费 {computed} 元不一致；请只给出其一，或使两者一致。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="234" />
        <source>PLATFORM_COSTS row {row} has no item name.</source>
        <translation>PLATFORM_COSTS 第 {row} 行没有费用项目名称。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="235" />
        <source>PLATFORM_COSTS has {n} cells, not item and amount pairs.</source>
        <translation>PLATFORM_COSTS 有 {n} 个单元格，不是“项目、金额”成对给出。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="236" />
        <source>The platform's profit margin {margin} % exceeds the cap {cap} % (parameter {key}, {evidence}: {source}).</source>
        <translation>平台合理利润率 {margin} % 超过上限 {cap} %（参数 {key}，{evidence}：{source}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="237" />
        <source>PLATFORM_MARGIN is a percentage of the platform's cost items; give PLATFORM_COSTS.</source>
        <translation>PLATFORM_MARGIN 是平台成本项目的百分比；请给出 PLATFORM_COSTS。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="238" />
        <source>Platform fee (clause 十六, actual cost + reasonable profit): cost items {cost} 元 + {percent} % profit {margin} 元 = {total} 元; the margin cap is {cap} % (parameter {key}, {evidence}).</source>
        <translation>平台服务费（第十六条，实际成本 + 合理利润）：成本项目 {cost} 元 + {percent} % 利润 {margin} 元 = {total} 元；利润率上限 {cap} %（参数 {key}，{evidence}）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="239" />
        <source>The platform fee {amount} 元 is given as one figure; its basis (actual cost + reasonable profit, clause 十六) is not documented: give PLATFORM_COSTS and PLATFORM_MARGIN.</source>
        <translation>平台服务费 {amount} 元只给出了一个总数，未说明其依据（实际成本 + 合理利润，第十六条）：请给出 PLATFORM_COSTS 和 PLATFORM_MARGIN。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="240" />
        <source>{field} must be greater than 0, got {value}.</source>
        <translation>{field} 必须大于 0，实际为 {value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="242" />
        <source>Trades {trades} have no known status; a work plan needs status planned or later.</source>
        <translation>交易 {trades} 的状态无法识别；交易工作计划要求状态为“计划”及以后。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="243" />
        <source>Duties table {path} needs the columns department and duties; it has {columns}.</source>
        <translation>职责分工表 {path} 须含 department 和 duties 列；现有列为 {columns}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="244" />
        <source>Duties table {path} has no rows.</source>
        <translation>职责分工表 {path} 没有任何行。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="245" />
        <source>Schedule table {path}: the feedback plan (milestone feedback_plan) is due {months} months after the contract (clause 十二); keep that row as after = contract, days = 0, months = {months}.</source>
        <translation>工作日程表 {path}：反哺方案（节点 feedback_plan）应于签订合同后 {months} 个月内报批（第（十二）条）；该行须保持 after = contract、days = 0、months = {months}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="266" />
        <source>Trade {trade}: parcels {parcels} are not in layer {layer}.</source>
        <translation>交易 {trade}：图斑 {parcels} 不在图层 {layer} 中。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="247" />
        <source>Register {path} holds no trade.</source>
        <translation>登记簿 {path} 中没有交易。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="248" />
        <source>SCHEDULE needs milestone, date pairs; it has {n} cells.</source>
        <translation>SCHEDULE 须为“节点, 日期”成对填写；现有 {n} 个单元格。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="249" />
        <source>Trade {trade}: milestone {milestone} is already in the register ({date}); the SCHEDULE date {override} is not used.</source>
        <translation>交易 {trade}：节点 {milestone} 已在登记簿中（{date}）；未采用 SCHEDULE 指定的日期 {override}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="250" />
        <source>Schedule table {path}: milestone {milestone} follows {after}, which is neither start nor an earlier milestone.</source>
        <translation>工作日程表 {path}：节点 {milestone} 的前序节点 {after} 既不是 start，也不是其前面的节点。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="251" />
        <source>Schedule table {path} lacks columns {columns}.</source>
        <translation>工作日程表 {path} 缺少列 {columns}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="252" />
        <source>Schedule table {path} repeats milestones {milestones}.</source>
        <translation>工作日程表 {path} 中节点 {milestones} 重复。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="253" />
        <source>Schedule table {path}: milestone {milestone} names register fields that are not trade dates: {fields}.</source>
        <translation>工作日程表 {path}：节点 {milestone} 所列登记簿字段不是交易日期字段：{fields}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="254" />
        <source>Schedule table {path}: milestone {milestone} has a {column} that is not a whole number ≥ 0: {value}.</source>
        <translation>工作日程表 {path}：节点 {milestone} 的 {column} 不是 ≥ 0 的整数：{value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="255" />
        <source>Unknown milestones in SCHEDULE: {milestones}; use {known}.</source>
        <translation>SCHEDULE 中有未知节点：{milestones}；可用节点为 {known}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="256" />
        <source>Trades {trades} are not in register {path}.</source>
        <translation>交易 {trades} 不在登记簿 {path} 中。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="258" />
        <source>Layer {layer} has no AREA_M2 field; the parcels' areas were computed from their geometry (ellipsoidal).</source>
        <translation>图层 {layer} 没有 AREA_M2 字段；图斑面积已按几何图形计算（椭球面积）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="259" />
        <source>Layer {layer}: AREA_M2 of parcels {parcels} is missing or differs from the area of their geometry by more than {tolerance:g} %.</source>
        <translation>图层 {layer}：图斑 {parcels} 的 AREA_M2 缺失，或与其几何图形面积相差超过 {tolerance:g} %。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="260" />
        <source>The proposed price {price:,.2f} 元 of trade {trade} is below the appraised value {appraised:,.2f} 元.</source>
        <translation>交易 {trade} 的挂牌价 {price:,.2f} 元低于评估价值 {appraised:,.2f} 元。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="261" />
        <source>Trade {trade} cannot be listed; on the excluded-operator list: {entries}.</source>
        <translation>交易 {trade} 不能挂牌，下列主体在排除名单中：{entries}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="262" />
        <source>Trade {trade}: the listing lacks {fields}.</source>
        <translation>交易 {trade}：挂牌材料缺少 {fields}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="263" />
        <source>Trade {trade} is {status}; a listing package needs status appraised or later.</source>
        <translation>交易 {trade} 的状态为 {status}；生成挂牌材料须处于“已评估”（appraised）或之后的状态。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="264" />
        <source>Trade {trade}: {field} ({label}) must be greater than 0, got {value}.</source>
        <translation>交易 {trade}：{field}（{label}）必须大于 0，当前为 {value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="265" />
        <source>{path} was not written.</source>
        <translation>{path} 未写出。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="267" />
        <source>Trade {trade}: parcels {parcels} have no geometry in layer {layer}.</source>
        <translation>交易 {trade}：图斑 {parcels} 在图层 {layer} 中没有几何图形。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="268" />
        <source>Trade {trade}: the seller of parcels differs from the register's: {items}.</source>
        <translation>交易 {trade}：图斑的出让主体与登记簿不一致：{items}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="269" />
        <source>Coordinate decimals must be a whole number from 0 to 15, got {value}.</source>
        <translation>坐标小数位数必须是 0 到 15 的整数，当前为 {value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="270" />
        <source>The generalisation tolerance must be 0 or more metres, got {value}.</source>
        <translation>概化容差必须不小于 0 米，当前为 {value}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="271" />
        <source>Lot {lot} vanishes when its coordinates are rounded to {decimals} decimals; publish it with more decimals (precise boundaries).</source>
        <translation>交易范围 {lot} 的坐标取 {decimals} 位小数后消失；请以更多小数位（精确边界）发布。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="272" />
        <source>Lot {lot} has no polygon area in layer {layer}.</source>
        <translation>交易范围 {lot} 在图层 {layer} 中没有面状区域。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="273" />
        <source>Layer {layer} is in {crs}, not a projected CRS; generalising boundaries by {metres:g} m needs metres (e.g. CGCS2000 3-degree Gauss-Kruger).</source>
        <translation>图层 {layer} 的坐标系为 {crs}，不是投影坐标系；按 {metres:g} 米概化边界需要以米为单位的坐标系（如 CGCS2000 3 度带高斯-克吕格投影）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="274" />
        <source>Public boundaries are generalised by {metres:g} m and rounded to {decimals} decimals (about {precision:.0f} m). Publishing a map in China may still require map review and a review number (审图号); precise boundaries only on request.</source>
        <translation>公开边界已按 {metres:g} 米概化，坐标取 {decimals} 位小数（约 {precision:.0f} 米）。在中国境内公开发布地图仍可能需要送审并标注审图号；精确边界仅应要求提供。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="275" />
        <source>Lot {lot}: parcels {parcels} are not in layer {layer}.</source>
        <translation>交易范围 {lot}：图斑 {parcels} 不在图层 {layer} 中。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="276" />
        <source>Precise boundaries ({decimals} decimals, not generalised) were written: for the trading platform and the authorities only. Publishing a map in China may require map review and a review number (审图号).</source>
        <translation>已写出精确边界（{decimals} 位小数，未概化）：仅供交易平台和主管部门使用。在中国境内公开发布地图可能需要送审并标注审图号。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="278" />
        <source>Layer {layer} lacks the field(s) {fields} (use the valued parcels from swcvalue:accountvalues).</source>
        <translation>图层 {layer} 缺少字段 {fields}（请使用 swcvalue:accountvalues 输出的已核算图斑）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="279" />
        <source>Folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="280" />
        <source>No trade to promote: the register has no trade at status {status} or later; name the trades in TRADE_IDS.</source>
        <translation>没有可推介的交易：登记库中没有状态为 {status} 或之后的交易；请在 TRADE_IDS 中指定交易。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="281" />
        <source>Trades {trades} are not listed yet; their price is shown as 待定 unless a listing price is recorded.</source>
        <translation>交易 {trades} 尚未挂牌；未登记挂牌价的，价格显示为“待定”。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="282" />
        <source>Trades {trades} are not in the register.</source>
        <translation>登记库中没有交易 {trades}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="283" />
        <source>The map library file {path} is missing; run scripts/vendor_leaflet.sh.</source>
        <translation>缺少地图库文件 {path}；请运行 scripts/vendor_leaflet.sh。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="284" />
        <source>The map library file {path} contains {text} and cannot be inlined.</source>
        <translation>地图库文件 {path} 含有 {text}，不能内嵌到网页中。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="46" />
        <source>Promotion map (offline web page)</source>
        <translation>推介图（离线网页）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="49" />
        <source>Writes one self-contained HTML page for promoting the lots at fairs and online (云交易、云招商): a map of the lots coloured by accounted value per mu, and for each lot a panel in Chinese with product, area, accounted value by class (labelled 核算价值, not a price), price (the contract price once signed, else the listing price 挂牌价, else 待定), term, permitted operating forms, operator conditions and contact. The page needs no network: the map library (Leaflet, with its licence) and the data are inside the file and there is no basemap, so it can be sent as one file or opened from a USB stick. Boundaries are generalised with reduced coordinate precision unless PRECISE is set; publishing a map in China may require map review (审图号), which the page notes.</source>
        <translation>生成一个独立的 HTML 网页，用于在推介会和网上推介地块（云交易、云招商）：地图按单位面积（亩）核算价值分级着色，点击每宗地块显示中文信息面板，包括产品类型、面积、分类核算价值（标注为核算价值，不是价格）、价格（已签约的为成交价，否则为挂牌价，否则为待定）、经营期限、允许的经营方式、受让方资格条件和联系方式。网页不需要网络：地图库（Leaflet，附许可证）和数据都在文件内，没有底图，可以作为单个文件发送或从U盘打开。除非设置 PRECISE，边界经过概化并降低坐标精度；在中国境内公开发布地图可能需要送审并标注审图号，网页上有相应提示。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="61" />
        <source>The project's register with the trades.</source>
        <translation>项目登记库（含交易）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="62" />
        <source>Trade ids (comma-separated)</source>
        <translation>交易编号（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="62" />
        <source>The trades to show, one lot each; empty: every trade at status listed or later (a listed trade has its listing price, term, operating forms and contact).</source>
        <translation>要展示的交易，每个交易一宗地块；留空：状态为已挂牌或之后的所有交易（已挂牌的交易有挂牌价、经营期限、经营方式和联系方式）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="65" />
        <source>The valued parcels from swcvalue:accountvalues (PARCEL_ID, AREA_M2, V_MAT, V_REG, V_CUL, V_TOTAL; DLMC when present) in a projected CRS; every parcel of the trades must be in it.</source>
        <translation>swcvalue:accountvalues 输出的已核算图斑（PARCEL_ID、AREA_M2、V_MAT、V_REG、V_CUL、V_TOTAL；如有 DLMC 也使用），须为投影坐标系；交易的每个图斑都必须在其中。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="69" />
        <source>false (default): boundaries generalised and coordinates rounded for the public (resources/parameters/publication_v1.csv); true: precise boundaries, only on request (e.g. for the trading platform).</source>
        <translation>false（默认）：面向公众，边界概化并降低坐标精度（resources/parameters/publication_v1.csv）；true：精确边界，仅应要求提供（例如供交易平台使用）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="73" />
        <source>The county's name; the title is the county's name followed by 水土保持生态产品推介图 unless TITLE is given.</source>
        <translation>区县名称；未给出 TITLE 时，标题为区县名称加“水土保持生态产品推介图”。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="76" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="76" />
        <source>The page's title (Chinese).</source>
        <translation>网页标题（中文）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="78" />
        <source>Draw all parcels as grey context</source>
        <translation>以灰色绘制全部图斑作为背景</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="78" />
        <source>Also draw the union of every parcel of the layer in grey behind the lots (generalised like the lots).</source>
        <translation>在地块下方以灰色绘制图层全部图斑的合并范围（与地块同样概化）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="81" />
        <source>A folder with an edited promotion_map.html and/or promotion_map.js; empty: the plugin's resources/templates.</source>
        <translation>存放修改后的 promotion_map.html 和/或 promotion_map.js 的文件夹；留空：使用插件的 resources/templates。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="85" />
        <source>Promotion page</source>
        <translation>推介网页</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="85" />
        <source>The page, one .html file.</source>
        <translation>网页，单个 .html 文件。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="87" />
        <source>Lots shown</source>
        <translation>展示的地块数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/promotion_map.py" line="115" />
        <source>Promotion page with {n} lot(s) ({ids}) written to {path}.</source>
        <translation>已将含 {n} 宗地块（{ids}）的推介网页写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="80" />
        <source>Keeps a trade in the project register through its lifecycle: planned → accounted → appraised → listed → publicised (公示) → signed → filed → certified → closed. Each status needs its fields (see docs/trading.md); a move whose fields are missing is refused, listing them, and nothing is written. A trade is created with its parcels, which must all be eligible; the sellers come from the parcels. At signing a warning is given when parcels carry an investor's priority operating right (PRIORITY = 1) and the operator is someone else without a recorded PRIORITY_WAIVER. Every change is kept in the append-only trade_event table. Listing (clause 十) needs what the platform publishes: LISTING_DATE, LISTING_PRICE (proposed price, 元), TERM_YEARS, OPERATING_FORMS (permitted operating forms separated by ；), OPERATOR_SCOPE (eligible operator scope) and CONTACT. A trade whose operator (OPERATOR, OPERATOR_CD) or parcel investor is on the excluded-operator list (swcvalue:excludedoperators, clause 十七) on the signing date, or today before signing, is refused: at creation, at every move up to signed and when the operator or signing date changes.</source>
        <translation>在项目登记簿中记录交易的全过程：拟交易 → 已核算 → 已评估 → 已挂牌 → 公示 → 已签约 → 已备案 → 已发凭证 → 已关闭。每个状态都需要相应字段（见 docs/trading.md）；缺少字段的推进会被拒绝并列出缺少的字段，不写入任何内容。新建交易时须给出交易图斑，且全部可入市；出让主体取自图斑。签约时，若图斑上有投资主体的优先经营权（PRIORITY = 1）而经营主体为他人且未记录 PRIORITY_WAIVER，则给出警告。所有变更均记入只追加的 trade_event 表。挂牌（第十条）需要平台发布的内容：LISTING_DATE、LISTING_PRICE（挂牌价，元）、TERM_YEARS、OPERATING_FORMS（允许的经营方式，以“；”分隔）、OPERATOR_SCOPE（受让方资格条件）和 CONTACT（联系方式）。经营主体（OPERATOR、OPERATOR_CD）或图斑投资主体在签约日（签约前为当天）位于排除经营主体名单（swcvalue:excludedoperators，第十七条）上的交易将被拒绝：新建时、推进到签约及之前的每个状态时，以及更改经营主体或签约日期时。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/register_trade.py" line="96" />
        <source>The project's register; an older register is upgraded to the current schema version (3: listing fields and the excluded-operator list).</source>
        <translation>项目登记簿；旧版本的登记簿会升级到当前数据结构版本（3：挂牌字段和排除经营主体名单）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="65" />
        <source>actual cost (实际成本)</source>
        <translation>实际成本</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="66" />
        <source>Reasonable profit (合理利润)</source>
        <translation>合理利润</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="66" />
        <source>{percent} % of the cost items {cost} 元; cap {cap} % (parameter {key}, {evidence}: {source})</source>
        <translation>成本项目 {cost} 元的 {percent} %；上限 {cap} %（参数 {key}，{evidence}：{source}）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="72" />
        <source>actual cost + reasonable profit (clause 十六)</source>
        <translation>实际成本 + 合理利润（第十六条）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="75" />
        <source>given as one figure; basis not documented</source>
        <translation>仅给出总数；未说明依据</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="91" />
        <source>Distributes a trade's revenue (一单一策): NET = GROSS − (accounting + appraisal + platform + other costs); each share line (recipient, category, percent; the percents sum to 100) receives NET × percent. Village-collective and villager lines can be split among the parcels' right holders (HOLDER) by appraised-value share (APPR_MAT + APPR_REG + APPR_CUL; V_TOTAL when there are no appraised values, which is reported) or by area share. Amounts are whole cents (0.01 元) and add up to NET exactly (largest remainder). The regulating-and-cultural part of NET, by those classes' share of value, is reported with its permitted uses: rural infrastructure, villagers' income and soil and water conservation function. The plan must be approved by the county government. The platform fee follows actual cost + reasonable profit (clause 十六): give the platform's cost items (PLATFORM_COSTS) and its profit margin (PLATFORM_MARGIN, percent of the items, at most the cap platform_margin_max of the parameter table); COST_PLATFORM = items + margin, exact to the cent, and the breakdown goes to PLATFORM_FEE.</source>
        <translation>分配一笔交易的收益（一单一策）：净收益 NET = 交易总收入 GROSS −（核算费 + 评估费 + 平台交易费 + 其他费用）；每一分配行（收益对象、类别、比例；比例合计 100）获得 NET × 比例。村集体和村民的份额可按评估价值占比（APPR_MAT + APPR_REG + APPR_CUL；没有评估价值时用 V_TOTAL 并予以提示）或按面积占比在图斑的权利人（HOLDER）之间拆分。金额精确到分（0.01 元），按最大余数法保证合计恰好等于 NET。按调节服务和文化服务的价值占比给出 NET 中的调节和文化服务部分及其允许用途：农村基础设施、村民增收和水土保持功能提升。方案须经区县政府批准。平台服务费按“实际成本 + 合理利润”确定（第十六条）：给出平台的成本项目（PLATFORM_COSTS）和利润率（PLATFORM_MARGIN，成本项目的百分比，不超过参数表中的上限 platform_margin_max）；COST_PLATFORM = 成本项目 + 利润，精确到分，明细写入 PLATFORM_FEE。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="113" />
        <source>The trading platform's fee in 元 as one figure (kept for saved models; 0: not given). Prefer PLATFORM_COSTS and PLATFORM_MARGIN; when both are given they must agree to the cent.</source>
        <translation>交易平台收取的费用（元），以一个总数给出（为兼容已保存的模型保留；0 表示未给出）。建议改用 PLATFORM_COSTS 和 PLATFORM_MARGIN；两者都给出时必须精确到分一致。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="123" />
        <source>Platform cost items</source>
        <translation>平台成本项目</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="123" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="123" />
        <source>The trading platform's actual cost items (实际成本), one row per item: name and amount in 元; with qgis_process give the cells flat: PLATFORM_COSTS=交易服务成本,6000,公告发布成本,2500.</source>
        <translation>交易平台的实际成本项目，每个项目一行：名称和金额（元）；使用 qgis_process 时依次给出单元格：PLATFORM_COSTS=交易服务成本,6000,公告发布成本,2500。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="128" />
        <source>Platform profit margin (%)</source>
        <translation>平台利润率（%）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="128" />
        <source>The platform's reasonable profit (合理利润) in percent of the cost items; at most the cap platform_margin_max of the parameter table (a placeholder: 10 %).</source>
        <translation>平台的合理利润，按成本项目的百分比计；不超过参数表中的上限 platform_margin_max（占位值：10 %）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="132" />
        <source>A CSV or JSON file overriding rows of the parameter table, e.g. platform_margin_max.</source>
        <translation>覆盖参数表中若干行的 CSV 或 JSON 文件，例如 platform_margin_max。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="153" />
        <source>Platform fee breakdown</source>
        <translation>平台服务费明细</translation>
    </message>
    <message>
        <location filename="../../processing_provider/revenue_plan.py" line="153" />
        <source>A table with ITEM, AMOUNT (元) and BASIS: each cost item, the profit margin with its percent and cap, and the total COST_PLATFORM.</source>
        <translation>包含 ITEM、AMOUNT（元）和 BASIS 的表：每个成本项目、利润（含利润率及其上限）以及合计 COST_PLATFORM。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="208" />
        <source>Trading work plan</source>
        <translation>交易工作计划</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="214" />
        <source>Writes the trading work plan (交易工作计划) a county drafts before the accounting (clause （四）) for one or more trades of the project register (status planned or later), as PDF or HTML and as an editable OpenDocument text (.odt): product types and scope with a map of the lots, scale (area in m², mu and hm²; accounted value by class when the parcels are valued), the schedule of milestones (accounting, appraisal, listing, publicity, contract, certificate, feedback plan), the sellers with their rights, the departments' division of duties and blank approval fields for the county government. Milestone dates already in the register are shown as done; the others follow from START_DATE and the durations of resources/templates/workplan_schedule.csv, each with its basis; the feedback plan is due 6 months after the contract.</source>
        <translation>为项目登记簿中的一宗或多宗交易（状态为“计划”及以后）编制区县在价值核算前拟定的交易工作计划（第（四）条），输出 PDF 或 HTML，并输出可编辑的 OpenDocument 文本（.odt）：产品类型和交易范围及交易地块图，交易规模（面积，单位 m²、亩和 hm²；图斑已核算时按类别列出核算价值），工作节点安排（价值核算、价值评估、挂牌交易、公示、签订合同、交易凭证、反哺方案），出让主体及其权利，部门职责分工，以及留空供县人民政府填写的审批栏。登记簿中已有日期的节点显示为已完成；其余节点按 START_DATE 和 resources/templates/workplan_schedule.csv 中的天数推算，每项均注明依据；反哺方案于签订合同后 6 个月内报批。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="227" />
        <source>The project's register holding the trades.</source>
        <translation>存有交易的项目登记簿。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="228" />
        <source>Trade ids</source>
        <translation>交易编号</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="228" />
        <source>Comma-separated trade ids; empty: every trade in the register.</source>
        <translation>以逗号分隔的交易编号；留空：登记簿中的全部交易。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="230" />
        <source>The parcels with PARCEL_ID and AREA_M2 (from swcvalue:splitparcels or swcvalue:accountvalues); DLBM/DLMC give the land-use breakdown, ZLDWMC the villages, V_MAT, V_REG, V_CUL and V_TOTAL the accounted value by class.</source>
        <translation>含 PARCEL_ID 和 AREA_M2 的图斑（swcvalue:splitparcels 或 swcvalue:accountvalues 的输出）；DLBM/DLMC 用于地类构成，ZLDWMC 用于坐落村，V_MAT、V_REG、V_CUL 和 V_TOTAL 用于分类核算价值。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="234" />
        <source>The county named in the plan; empty: the trades' COUNTY in the register, if any.</source>
        <translation>计划中的区县名称；留空：取登记簿中交易的 COUNTY（如有）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="236" />
        <source>Start date (YYYY-MM-DD)</source>
        <translation>起始日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="236" />
        <source>The date the schedule starts from (the plan's approval); empty: today.</source>
        <translation>工作节点推算的起始日期（计划批准日）；留空：今天。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="238" />
        <source>Milestone dates</source>
        <translation>节点日期</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="238" />
        <source>Milestone</source>
        <translation>工作节点</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="238" />
        <source>Planned dates fixed by hand, as milestone, date pairs (accounting, appraisal, listing, publicity, contract, certificate), e.g. contract, 2026-08-31; later milestones follow from them. Dates already in the register take precedence.</source>
        <translation>手工指定的计划日期，按“节点, 日期”成对填写（accounting、appraisal、listing、publicity、contract、certificate），例如 contract, 2026-08-31；其后的节点据此推算。登记簿中已有的日期优先。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="244" />
        <source>Division of duties (CSV)</source>
        <translation>部门职责分工（CSV）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="244" />
        <source>A CSV with the columns department and duties (optional source) replacing resources/templates/workplan_duties.csv.</source>
        <translation>含 department 和 duties 列（source 列可选）的 CSV，用于替换 resources/templates/workplan_duties.csv。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="248" />
        <source>A folder with an edited workplan.html, workplan_schedule.csv and/or workplan_duties.csv; empty: the plugin's resources/templates.</source>
        <translation>存放修改后的 workplan.html、workplan_schedule.csv 和/或 workplan_duties.csv 的文件夹；留空：使用插件的 resources/templates。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="252" />
        <source>Work plan</source>
        <translation>交易工作计划</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="252" />
        <source>The work plan: .pdf (with the map) or .html.</source>
        <translation>交易工作计划：.pdf（含地图）或 .html。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="254" />
        <source>Editable work plan</source>
        <translation>可编辑的交易工作计划</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="254" />
        <source>OpenDocument text (*.odt)</source>
        <translation>OpenDocument 文本 (*.odt)</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="254" />
        <source>The same plan as an OpenDocument text (.odt) to edit in WPS, Word or LibreOffice.</source>
        <translation>同一计划的 OpenDocument 文本（.odt），可在 WPS、Word 或 LibreOffice 中编辑。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="258" />
        <source>Trades in the plan</source>
        <translation>计划中的交易数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="259" />
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="271" />
        <source>The editable work plan must be an .odt file, not {path}.</source>
        <translation>可编辑的交易工作计划须为 .odt 文件，而不是 {path}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="304" />
        <source>The parcels have no geometry: the work plan has no map.</source>
        <translation>图斑没有几何图形：交易工作计划不含地图。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/workplan.py" line="319" />
        <source>Work plan for {n} trade(s), {mu:,.2f} mu, written to {path}.</source>
        <translation>{n} 宗交易、{mu:,.2f} 亩的交易工作计划已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="87" />
        <source>Proposed price (yuan)</source>
        <translation>挂牌价（元）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="88" />
        <source>Permitted operating forms (separate with ；)</source>
        <translation>允许的经营方式（以“；”分隔）</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="89" />
        <source>Eligible operator scope</source>
        <translation>受让方资格条件</translation>
    </message>
    <message>
        <location filename="../../ui/trades_tab.py" line="89" />
        <source>Contact for enquiries</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../processing_provider/environment_check.py" line="48" />
        <source>Coverage computation</source>
        <translation>覆盖度计算方式</translation>
    </message>
    <message>
        <location filename="../../processing_provider/environment_check.py" line="49" />
        <source>GeoPackage row writing</source>
        <translation>GeoPackage 行写入方式</translation>
    </message>
    <message>
        <location filename="../../processing_provider/environment_check.py" line="50" />
        <source>GeoPackage layer reading</source>
        <translation>GeoPackage 图层读取方式</translation>
    </message>
</context>
</TS>