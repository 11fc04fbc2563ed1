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
        <location filename="../../plugin.py" line="28" />
        <source>&amp;SWC EcoValue</source>
        <translation>水土保持生态产品(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="40" />
        <source>Split trading scope into land-use parcels…</source>
        <translation>按地类图斑切分交易范围…</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="56" />
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
        <location filename="../../processing_provider/base.py" line="99" />
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/environment_check.py" line="34" />
        <source>Check the Python geo stack</source>
        <translation>检查 Python 地理库</translation>
    </message>
    <message>
        <location filename="../../processing_provider/environment_check.py" line="37" />
        <source>Reports the GDAL, GEOS and PROJ versions that the plugin's Python libraries use, next to QGIS's own, and runs a small round trip through each library. Mismatched versions mean a library bundles its own GDAL/GEOS/PROJ and may give wrong results inside QGIS.</source>
        <translation>报告插件所用 Python 库的 GDAL、GEOS、PROJ 版本及 QGIS 自身的版本，并对每个库做一次小的读写检验。版本不一致说明某个库自带了 GDAL/GEOS/PROJ，在 QGIS 中可能得出错误结果。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/environment_check.py" line="56" />
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
        <location filename="../../processing_provider/messages.py" line="72" />
        <source>Repaired invalid geometries: {scope} in {slayer}, {parcels} in {player}.</source>
        <translation>已修复无效几何：{slayer} 中 {scope} 个，{player} 中 {parcels} 个。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="73" />
        <source>Layer {layer} was reprojected from {src} to {dst}.</source>
        <translation>图层 {layer} 已从 {src} 投影转换到 {dst}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="74" />
        <source>Layer {layer} is in geographic {crs}; areas are computed on the ellipsoid.</source>
        <translation>图层 {layer} 为地理坐标系 {crs}；面积按椭球面计算。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="75" />
        <source>Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel.</source>
        <translation>交易范围 {lot}：有 {m2:.2f} 平方米（{pct:.2f} %）未被任何图斑覆盖。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="76" />
        <source>Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel. Was the lot drawn on an offset web basemap?</source>
        <translation>交易范围 {lot}：有 {m2:.2f} 平方米（{pct:.2f} %）未被任何图斑覆盖。是否在有偏移的网络底图上绘制了范围？</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="78" />
        <source>Parcels share BSM values ({ids}); their ids got the feature id appended.</source>
        <translation>多个图斑标识码（BSM）相同（{ids}）；其地块编号已追加要素号。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="79" />
        <source>Geometry area vs TBMJ: mean deviation {mean:.4%}, max {max:.4%}, {n} parcels over 1 %.</source>
        <translation>几何面积与图斑面积（TBMJ）比较：平均偏差 {mean:.4%}，最大 {max:.4%}，{n} 个图斑偏差超过 1 %。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="81" />
        <source>Dropped {n} slivers below {min} m² ({area:.3f} m² in all); kept {kept}.</source>
        <translation>已剔除 {n} 个小于 {min} 平方米的碎片（共 {area:.3f} 平方米）；保留 {kept} 个。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="82" />
        <source>Dropped {n} non-polygon geometry parts.</source>
        <translation>已剔除 {n} 个非面状几何部分。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="41" />
        <source>Forest</source>
        <translation>林地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="41" />
        <source>Shrub</source>
        <translation>灌木林</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="41" />
        <source>Orchard / tea</source>
        <translation>园地（果园/茶园）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="42" />
        <source>Cropland</source>
        <translation>旱地/水浇地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="42" />
        <source>Paddy</source>
        <translation>水田</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="42" />
        <source>Grassland</source>
        <translation>草地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="43" />
        <source>Wetland / water</source>
        <translation>湿地/水域</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="43" />
        <source>Built-up</source>
        <translation>建设用地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="43" />
        <source>Bare</source>
        <translation>裸地</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="44" />
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../processing_provider/output_style.py" line="79" />
        <source>SWC EcoValue default style</source>
        <translation>水土保持生态产品默认样式</translation>
    </message>
    <message>
        <location filename="../../processing_provider/provider.py" line="26" />
        <source>SWC EcoValue</source>
        <translation>水土保持生态产品</translation>
    </message>
    <message>
        <location filename="../../processing_provider/provider.py" line="29" />
        <source>Soil and water conservation ecological products: accounting and trading</source>
        <translation>水土保持生态产品价值核算与交易</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="35" />
        <source>Split trading scope into land-use parcels</source>
        <translation>按地类图斑切分交易范围</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="38" />
        <source>Cuts each lot of the proposed trading scope (拟交易范围) by the Third National Land Survey land-use parcels (三调 DLTB 地类图斑). Every output feature is one lot ∩ one parcel, in the parcels' CRS, with PARCEL_ID = SCOPE_ID-BSM, the parcel's fields, the ellipsoidal area in m², mu (亩 = m² × 15 / 10000) and ha, the share of the source parcel, TBDLMJ and KCMJ pro-rated by that share, and the ecosystem type of the land-use code. Invalid geometries are repaired and counted; slivers below the minimum area are dropped and counted.</source>
        <translation>用第三次全国国土调查地类图斑（三调 DLTB）切分拟交易范围的每个地块范围。每个输出要素为一个交易范围与一个图斑的交集，采用图斑图层的坐标参考系，包含地块编号 PARCEL_ID = SCOPE_ID-BSM、图斑原有字段、椭球面积（平方米、亩（= 平方米 × 15 / 10000）、公顷）、占来源图斑的比例、按该比例分摊的图斑地类面积（TBDLMJ）和扣除地类面积（KCMJ），以及地类编码对应的生态系统类型。无效几何会被修复并计数；小于最小面积的碎片会被剔除并计数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="48" />
        <source>Trading scope (lots)</source>
        <translation>拟交易范围</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="48" />
        <source>Polygons of the proposed trading scope; each feature is one lot.</source>
        <translation>拟交易范围面图层；每个要素为一个交易范围。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="51" />
        <source>Land-use parcels (三调 DLTB)</source>
        <translation>地类图斑（三调 DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="51" />
        <source>The land-use parcel layer; only the land-use field is required, 三调 fields are carried when present.</source>
        <translation>地类图斑图层；仅地类编码字段为必需，存在的三调字段会一并保留。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="55" />
        <source>Lot id field</source>
        <translation>交易范围编号字段</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="55" />
        <source>Field of the scope layer holding the lot id; empty: S&lt;feature id&gt;.</source>
        <translation>交易范围图层中存放编号的字段；为空时使用 S&lt;要素号&gt;。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="58" />
        <source>Land-use code field</source>
        <translation>地类编码字段</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="58" />
        <source>Field of the parcel layer with the land-use code (GB/T 21010-2017 or 三调 working codes), matched case-insensitively.</source>
        <translation>图斑图层中的地类编码字段（GB/T 21010-2017 或三调工作分类编码），不区分大小写。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="61" />
        <source>Minimum piece area (m²)</source>
        <translation>最小面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="61" />
        <source>Pieces smaller than this are dropped as slivers and counted.</source>
        <translation>小于此面积的切分结果作为碎片剔除并计数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="64" />
        <source>Keep unknown land-use codes</source>
        <translation>保留未知地类编码</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="64" />
        <source>Keep parcels whose code is not in the code table, with ecosystem type 'unknown', instead of stopping with an error.</source>
        <translation>保留编码不在地类编码表中的图斑，生态系统类型记为"未知"，而不是报错停止。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="67" />
        <source>Parcels in the trading scope</source>
        <translation>交易范围内地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="67" />
        <source>The parcel pieces (GeoPackage by default; Shapefile gets a UTF-8 .cpg and a .qml with aliases).</source>
        <translation>切分后的地块（默认 GeoPackage；Shapefile 输出附带 UTF-8 .cpg 和含字段别名的 .qml）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="71" />
        <source>Number of parcels</source>
        <translation>地块数</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="72" />
        <source>Total area (m²)</source>
        <translation>总面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="87" />
        <source>Reading layers</source>
        <translation>正在读取图层</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="104" />
        <source>Writing parcels</source>
        <translation>正在写入地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/split_parcels.py" line="115" />
        <source>{n} parcels, {m2:.2f} m² ({mu:.2f} mu) in all.</source>
        <translation>共 {n} 个地块，{m2:.2f} 平方米（{mu:.2f} 亩）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="126" />
        <source>checking geometries</source>
        <translation>正在检查几何</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="127" />
        <source>checking lots for overlaps</source>
        <translation>正在检查交易范围是否重叠</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="128" />
        <source>intersecting</source>
        <translation>正在求交</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="129" />
        <source>measuring ellipsoidal areas</source>
        <translation>正在计算椭球面积</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="130" />
        <source>building attributes</source>
        <translation>正在生成属性</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="131" />
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="39" />
        <source>Rainfall erosivity R</source>
        <translation>降雨侵蚀力因子 R</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="39" />
        <source>R in MJ·mm/(hm²·h·a). Empty: the parameter table's constant (Chongqing mean 5,784.04).</source>
        <translation>R，单位 MJ·mm/(hm²·h·a)。为空时取参数表中的常数（重庆市多年平均 5,784.04）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="41" />
        <source>Soil erodibility K (SI)</source>
        <translation>土壤可蚀性因子 K（国际单位）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="41" />
        <source>K in SI units t·hm²·h/(hm²·MJ·mm). Values above 0.1 look like US customary units (multiply by 0.1317) and are warned about. Empty: the parameter table's constant.</source>
        <translation>K，国际单位 t·hm²·h/(hm²·MJ·mm)。大于 0.1 的值像是美制单位（需乘以 0.1317），会给出警告。为空时取参数表中的常数。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="44" />
        <source>Digital elevation model</source>
        <translation>数字高程模型</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="44" />
        <source>Elevation in metres, used to derive LS (CSLE: Foster segmented L, McCool/Liu S) when LS_FACTOR is not given; for watershed-sized runs.</source>
        <translation>高程（米），未提供 LS_FACTOR 时用于推求 LS（CSLE：Foster 分段坡长 L、McCool/刘宝元坡度 S）；适用于小流域尺度计算。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="47" />
        <source>Slope length and steepness LS</source>
        <translation>坡长坡度因子 LS</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="47" />
        <source>An LS grid (e.g. from the national soil-erosion monitoring); defines the working grid.</source>
        <translation>LS 栅格（如全国水土流失动态监测成果）；并作为计算工作栅格。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="49" />
        <source>C·P factor</source>
        <translation>C·P 因子</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="49" />
        <source>When given, replaces the product B·E·T in every cell (like USLE's C·P).</source>
        <translation>提供时，在每个栅格单元中替代 B·E·T 的乘积（类似 USLE 的 C·P）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="51" />
        <source>Fractional vegetation cover (0–1)</source>
        <translation>植被覆盖度（0–1）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="51" />
        <source>Gives B by 蔡崇法's relation (cover in percent): B = 1 at 0 %, 0.6508 − 0.3436·lg f below 78.3 %, 0 above. Empty: B by land-use type from the parameter table.</source>
        <translation>按蔡崇法公式计算 B（覆盖度以百分数计）：覆盖度为 0 时 B = 1，低于 78.3 % 时 B = 0.6508 − 0.3436·lg f，不低于 78.3 % 时 B = 0。为空时按参数表中的土地利用类型取 B。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="55" />
        <source>Net primary productivity</source>
        <translation>植被净初级生产力</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="55" />
        <source>NPP raster in the units chosen in NPP_UNITS; gives CO₂ fixed (1.63 t per t dry matter) and O₂ released (1.19).</source>
        <translation>NPP 栅格，单位见 NPP_UNITS；据此计算固定 CO₂（每吨干物质 1.63 吨）和释放 O₂（1.19 吨）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="57" />
        <source>Annual precipitation (mm)</source>
        <translation>年降水量（毫米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="57" />
        <source>For water conservation Q = (P − α·P − ET)·A.</source>
        <translation>用于水源涵养量 Q = (P − α·P − ET)·A。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="58" />
        <source>Annual evapotranspiration (mm)</source>
        <translation>年蒸散发量（毫米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="58" />
        <source>For water conservation and climate regulation.</source>
        <translation>用于水源涵养和气候调节。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="59" />
        <source>Annual storm-day rainfall (mm)</source>
        <translation>年暴雨降水量（毫米）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="59" />
        <source>Rainfall of days ≥ 50 mm, for vegetation flood regulation.</source>
        <translation>日降水量 ≥ 50 毫米的降水总量，用于植被洪水调蓄。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="61" />
        <source>Baseline C·P (before treatment)</source>
        <translation>治理前 C·P 因子</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="61" />
        <source>C·P before the soil-and-water-conservation measures (治理前).</source>
        <translation>实施水土保持措施前（治理前）的 C·P。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="63" />
        <source>Baseline vegetation cover (before treatment)</source>
        <translation>治理前植被覆盖度</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="63" />
        <source>Cover before the measures; empty: the current cover, with terraces back to sloping land (E = 1).</source>
        <translation>措施实施前的覆盖度；为空时取现状覆盖度，并将梯田还原为坡地（E = 1）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="74" />
        <source>Account parcel values (material, regulating, cultural)</source>
        <translation>地块价值核算（物质供给、调节服务、文化服务）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="77" />
        <source>Accounts the annual value (元/a) of every parcel in three classes — material supply (物质供给), regulating services (调节服务) and cultural services (文化服务) — with the soil conservation of CSLE (A_p = R·K·L·S, A = R·K·L·S·B·E·T, Q = A_p − A, summed per cell with partial cells weighted by covered fraction), water conservation, flood regulation, carbon and oxygen, air and water purification, climate regulation, products and recreation. Every number comes from the versioned parameter table (unit, price year, source, evidence) and is listed in the provenance output. V_TOT_LO and V_TOT_HI price the same quantities with the low and high price sets; DV_TOTAL is the increment created by the soil-and-water-conservation measures against the baseline (治理前). Accounted value is not an appraised value nor a price.</source>
        <translation>逐地块核算物质供给、调节服务和文化服务三类年价值（元/年）：土壤保持按中国土壤流失方程 CSLE 计算（A_p = R·K·L·S，A = R·K·L·S·B·E·T，Q = A_p − A，逐栅格单元求和，边缘单元按覆盖比例加权），另含水源涵养、洪水调蓄、固碳释氧、空气净化、水质净化、气候调节、物质产品和休闲旅游。所有数值均来自带版本的参数表（单位、价格年份、来源、证据等级），并列入溯源表输出。V_TOT_LO 和 V_TOT_HI 为同一功能量按低价和高价参数计算的价值；DV_TOTAL 为相对治理前基准由水土保持措施带来的价值增量。核算价值既不是评估价值，也不是交易价格。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="90" />
        <source>Parcels to value, usually the output of the split algorithm; input fields are kept.</source>
        <translation>待核算地块，通常为切分算法的输出；保留输入字段。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="58" />
        <source>Field with the land-use code (matched case-insensitively).</source>
        <translation>地类编码字段（不区分大小写）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="98" />
        <source>NPP units</source>
        <translation>NPP 单位</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="98" />
        <source>g C/m²/a</source>
        <translation>克碳/平方米/年</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="98" />
        <source>g dry matter/m²/a</source>
        <translation>克干物质/平方米/年</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="98" />
        <source>Units of the NPP raster; carbon is converted to dry matter with the parameter c_to_dry_matter (0.45 t C per t).</source>
        <translation>NPP 栅格的单位；碳按参数 c_to_dry_matter（每吨干物质含碳 0.45 吨）换算为干物质。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="102" />
        <source>Visitors table</source>
        <translation>游客表</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="102" />
        <source>Table with SCOPE_ID, VISITORS (per year), SPEND_PER_VISIT (元) and optionally PRICE_YEAR; the lot's recreation value is allocated to its parcels by area × attractiveness weight.</source>
        <translation>包含 SCOPE_ID、VISITORS（年游客人次）、SPEND_PER_VISIT（人均花费，元）及可选 PRICE_YEAR 的表；交易范围的休闲旅游价值按面积 × 吸引力权重分摊到各地块。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="64" />
        <source>Parameter overrides</source>
        <translation>参数覆盖文件</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="110" />
        <source>Price year</source>
        <translation>价格基准年</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="110" />
        <source>Re-base every price to this year with the CPI rows; empty: the table's target year.</source>
        <translation>按 CPI 行把所有价格折算到该年份；为空时使用参数表的目标年份。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="117" />
        <source>Value the covered part only</source>
        <translation>仅核算有数据覆盖的部分</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="117" />
        <source>When a raster does not cover a parcel, value the covered part and report it instead of stopping with an error.</source>
        <translation>栅格未完全覆盖地块时，仅核算有覆盖的部分并报告，而不是报错停止。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="120" />
        <source>Valued parcels</source>
        <translation>地块价值核算结果</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="120" />
        <source>Parcels with quantities (Q_*), values (V_*, 元/a), class totals, range and increment.</source>
        <translation>含功能量（Q_*）、价值量（V_*，元/年）、分类合计、价值区间和增量的地块。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="122" />
        <source>Value summary</source>
        <translation>价值汇总</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="122" />
        <source>Values by land-use code, by village, by lot and by class.</source>
        <translation>按地类、村、交易范围和价值类别汇总的价值。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="125" />
        <source>Provenance</source>
        <translation>溯源表</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="125" />
        <source>Every parameter used (value, unit, price year, source, evidence), the parameter set's hash, the working grid, resampling and software version.</source>
        <translation>所用的每个参数（数值、单位、价格年份、来源、证据等级）、参数集哈希值、工作栅格、重采样方式和软件版本。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="130" />
        <source>Total value (元/a)</source>
        <translation>价值总量（元/年）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/base.py" line="118" />
        <source>Parameter overrides from {path}</source>
        <translation>参数覆盖来自 {path}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="144" />
        <source>Reading parcels</source>
        <translation>正在读取地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/csle_factors.py" line="82" />
        <source>Working grid: {grid}</source>
        <translation>工作栅格：{grid}</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="216" />
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
        <location filename="../../processing_provider/messages.py" line="87" />
        <source>{indicator}: {reason} — {count} parcel(s): {parcels}.</source>
        <translation>{indicator}：{reason}——涉及 {count} 个地块：{parcels}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="93" />
        <source>NPP_GC_M2 missing: npp_rate of the eco type used</source>
        <translation>缺少 NPP_GC_M2：采用该生态系统类型的 npp_rate</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="94" />
        <source>P − R − ET &lt; 0: water conservation set to 0</source>
        <translation>P − R − ET &lt; 0：水源涵养量取 0</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="95" />
        <source>actual erosion exceeds potential erosion: Q_SOIL set to 0</source>
        <translation>实际侵蚀量超过潜在侵蚀量：Q_SOIL 取 0</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="96" />
        <source>attractiveness weight cul_weight is 0 for this eco type</source>
        <translation>该生态系统类型的吸引力权重 cul_weight 为 0</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="97" />
        <source>carbon sink sold separately (carbon_sink_sold = 1): V_CO2 left out of the lot</source>
        <translation>碳汇已单独出售（carbon_sink_sold = 1）：V_CO2 不计入本交易范围</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="98" />
        <source>eco type is non-eroding or unknown (soil_conservation_excluded)</source>
        <translation>生态系统类型为非侵蚀类型或未知（soil_conservation_excluded）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="99" />
        <source>eco type not in carbon_eco_types</source>
        <translation>生态系统类型不在 carbon_eco_types 中</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="100" />
        <source>eco type not in climate_vegetation_types/climate_water_types</source>
        <translation>生态系统类型不在 climate_vegetation_types/climate_water_types 中</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="101" />
        <source>evapotranspiration ET_MM is missing</source>
        <translation>缺少蒸散发量 ET_MM</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="102" />
        <source>negative NPP counted as 0</source>
        <translation>负的 NPP 按 0 计</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="103" />
        <source>neither vegetation with a storm runoff coefficient nor a reservoir/pond water body</source>
        <translation>既不是有暴雨径流系数的植被，也不是水库/坑塘水面</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="104" />
        <source>net land-class area NET_AREA_M2 is missing</source>
        <translation>缺少图斑地类面积 NET_AREA_M2</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="105" />
        <source>net primary productivity NPP_GC_M2 is missing</source>
        <translation>缺少植被净初级生产力 NPP_GC_M2</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="106" />
        <source>no actual erosion could be computed</source>
        <translation>无法计算实际侵蚀量</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="107" />
        <source>no actual erosion: RKLSB_T (vegetation cover) and RKLSCP_T are missing</source>
        <translation>无实际侵蚀量：缺少 RKLSB_T（植被覆盖）和 RKLSCP_T</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="108" />
        <source>no air purification capacity (air_cap_so2) for this eco type</source>
        <translation>该生态系统类型没有空气净化能力参数（air_cap_so2）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="109" />
        <source>no material product is defined for this DLBM (mat_yield)</source>
        <translation>该地类编码没有定义物质产品（mat_yield）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="110" />
        <source>no potential erosion: RKLS_T is missing</source>
        <translation>无潜在侵蚀量：缺少 RKLS_T</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="111" />
        <source>no runoff coefficient (runoff_coef) for this eco type</source>
        <translation>该生态系统类型没有径流系数（runoff_coef）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="112" />
        <source>no visitors table was given</source>
        <translation>未提供游客表</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="113" />
        <source>no water purification rate (wq_removal_cod) for this eco type</source>
        <translation>该生态系统类型没有水质净化速率（wq_removal_cod）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="114" />
        <source>oxygen release is switched off (oxygen_enabled = 0)</source>
        <translation>释氧已关闭（oxygen_enabled = 0）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="115" />
        <source>parcel area is 0 or missing</source>
        <translation>地块面积为 0 或缺失</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="116" />
        <source>precipitation P_MM is missing</source>
        <translation>缺少降水量 P_MM</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="117" />
        <source>storm rainfall STORM_MM is missing</source>
        <translation>缺少暴雨降水量 STORM_MM</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="118" />
        <source>the parcel's lot has no visitors</source>
        <translation>地块所在交易范围没有游客数据</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="119" />
        <source>vegetation storm retention is switched off (flood_vegetation_enabled = 0)</source>
        <translation>植被暴雨调蓄已关闭（flood_vegetation_enabled = 0）</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="132" />
        <source>filling depressions</source>
        <translation>正在填洼</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="133" />
        <source>slope and flow direction</source>
        <translation>正在计算坡度和流向</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="134" />
        <source>slope length</source>
        <translation>正在计算坡长</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="135" />
        <source>coverage fractions</source>
        <translation>正在计算覆盖比例</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="136" />
        <source>reading factors</source>
        <translation>正在读取因子</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="137" />
        <source>pricing</source>
        <translation>正在计算价值</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="106" />
        <source>CSV (key,value[,value_low,value_high,price_year,unit,source,note]) overriding rows of the default Chongqing parameter table; each override is marked as user evidence.</source>
        <translation>CSV 文件（key,value[,value_low,value_high,price_year,unit,source,note]），用于覆盖重庆默认参数表中的行；每个覆盖值的证据等级标记为"用户"。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/account_values.py" line="113" />
        <source>Value parcels whose land-use code is not in the code table as type 'unknown' (only indicators without a land-use condition apply) instead of stopping with an error.</source>
        <translation>把地类编码不在编码表中的地块按"未知"类型核算（只计算不依赖地类的指标），而不是报错停止。</translation>
    </message>
</context>
</TS>