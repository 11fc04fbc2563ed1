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
        <location filename="../../processing_provider/base.py" line="53" />
        <source>Parcels</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../processing_provider/base.py" line="53" />
        <source>Value accounting</source>
        <translation>价值核算</translation>
    </message>
    <message>
        <location filename="../../processing_provider/base.py" line="54" />
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../../processing_provider/base.py" line="98" />
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
        <location filename="../../processing_provider/messages.py" line="17" />
        <source>Layer {layer} has no features (or none selected).</source>
        <translation>图层 {layer} 没有要素（或未选择任何要素）。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="18" />
        <source>Layer {layer} has no CRS.</source>
        <translation>图层 {layer} 没有坐标参考系。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="19" />
        <source>Layer {layer} has no CRS. Its coordinates ({x:.0f}, {y:.0f}) suggest {hint}; set the layer's CRS and run again.</source>
        <translation>图层 {layer} 没有坐标参考系。其坐标（{x:.0f}, {y:.0f}）提示可能是 {hint}；请设置图层坐标参考系后重新运行。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="21" />
        <source>Layer {layer} has no field {field}.</source>
        <translation>图层 {layer} 没有字段 {field}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="22" />
        <source>Lots {fids} of layer {layer} have no {field}.</source>
        <translation>图层 {layer} 中的地块范围 {fids} 缺少 {field}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="23" />
        <source>Lot ids {ids} occur more than once in layer {layer}.</source>
        <translation>图层 {layer} 中交易范围编号 {ids} 重复出现。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="24" />
        <source>Layer {layer} has no polygon geometry.</source>
        <translation>图层 {layer} 没有面状几何。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="25" />
        <source>Lots overlap in layer {layer}: {pairs}.</source>
        <translation>图层 {layer} 中交易范围相互重叠：{pairs}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="26" />
        <source>No parcel of layer {player} intersects layer {slayer}.</source>
        <translation>图层 {player} 中没有图斑与图层 {slayer} 相交。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="27" />
        <source>Every piece is smaller than MIN_AREA = {min} m².</source>
        <translation>所有切分结果都小于最小面积 MIN_AREA = {min} 平方米。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="28" />
        <source>Unknown land-use codes {codes} in parcels {parcels}. Add them to the code table or keep them as class 'unknown'.</source>
        <translation>图斑 {parcels} 含有未知地类编码 {codes}。请将其加入地类编码表，或将其保留为"未知"类型。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="31" />
        <source>Repaired invalid geometries: {scope} in {slayer}, {parcels} in {player}.</source>
        <translation>已修复无效几何：{slayer} 中 {scope} 个，{player} 中 {parcels} 个。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="32" />
        <source>Layer {layer} was reprojected from {src} to {dst}.</source>
        <translation>图层 {layer} 已从 {src} 投影转换到 {dst}。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="33" />
        <source>Layer {layer} is in geographic {crs}; areas are computed on the ellipsoid.</source>
        <translation>图层 {layer} 为地理坐标系 {crs}；面积按椭球面计算。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="34" />
        <source>Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel.</source>
        <translation>交易范围 {lot}：有 {m2:.2f} 平方米（{pct:.2f} %）未被任何图斑覆盖。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="35" />
        <source>Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel. Was the lot drawn on an offset web basemap?</source>
        <translation>交易范围 {lot}：有 {m2:.2f} 平方米（{pct:.2f} %）未被任何图斑覆盖。是否在有偏移的网络底图上绘制了范围？</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="37" />
        <source>Parcels share BSM values ({ids}); their ids got the feature id appended.</source>
        <translation>多个图斑标识码（BSM）相同（{ids}）；其地块编号已追加要素号。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="38" />
        <source>Geometry area vs TBMJ: mean deviation {mean:.4%}, max {max:.4%}, {n} parcels over 1 %.</source>
        <translation>几何面积与图斑面积（TBMJ）比较：平均偏差 {mean:.4%}，最大 {max:.4%}，{n} 个图斑偏差超过 1 %。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="40" />
        <source>Dropped {n} slivers below {min} m² ({area:.3f} m² in all); kept {kept}.</source>
        <translation>已剔除 {n} 个小于 {min} 平方米的碎片（共 {area:.3f} 平方米）；保留 {kept} 个。</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="41" />
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
        <location filename="../../processing_provider/provider.py" line="24" />
        <source>SWC EcoValue</source>
        <translation>水土保持生态产品</translation>
    </message>
    <message>
        <location filename="../../processing_provider/provider.py" line="27" />
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
        <location filename="../../processing_provider/messages.py" line="48" />
        <source>checking geometries</source>
        <translation>正在检查几何</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="49" />
        <source>checking lots for overlaps</source>
        <translation>正在检查交易范围是否重叠</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="50" />
        <source>intersecting</source>
        <translation>正在求交</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="51" />
        <source>measuring ellipsoidal areas</source>
        <translation>正在计算椭球面积</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="52" />
        <source>building attributes</source>
        <translation>正在生成属性</translation>
    </message>
    <message>
        <location filename="../../processing_provider/messages.py" line="53" />
        <source>done</source>
        <translation>完成</translation>
    </message>
</context>
</TS>