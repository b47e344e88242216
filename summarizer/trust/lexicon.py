"""Indonesian titles, offices and institutional abbreviations with their English renderings.

News writes government bodies, offices and financial terms as abbreviations (``Depkeu``,
``Dirut``, ``APBNP``, ``BEJ``) that an English translation spells out in its own words
("the finance ministry", "president director", "the revised state budget", "the Jakarta
Stock Exchange"); a translation that renders one so carries it. No word-list package
pairs these with English (PySastrawi, used for the common words, has Indonesian roots
only; on PyPI ``kbbi`` queries the online dictionary and ``singkatan`` expands chat
slang), so the list is curated: the abbreviations of the central government's bodies and
offices as the bodies write them (their official English names, as on their own sites),
the financial terms of the Indonesian press, and the Jakarta city agencies and titles of
its bilingual releases (``Pemprov``, ``Sudin``, ``Kadis``, ``Rusun``). Renderings are
matched at the start of an English word, lower case, like those of ``names.RENDERINGS``.
"""

from __future__ import annotations

INSTITUTIONS_TEXT = """
apbnp | revised state budget; revised budget; revised 2; apbnp; budget
rapbn | draft state budget; draft budget; proposed state budget; proposed budget; budget bill; rapbn; budget
rapbnp | draft revised state budget; draft revised budget; revised state budget; revised budget; rapbnp; budget
rapbd | draft regional budget; regional budget; budget
bej | jakarta stock exchange; jsx; jse; stock exchange; bourse
bes | surabaya stock exchange; ses; bes
bei | indonesia stock exchange; idx; stock exchange; bourse
ihsg | composite index; composite stock price index; jci; index
bapepam | capital market supervisory; bapepam; capital market watchdog
bapepam-lk | capital market and financial institution supervisory; bapepam
depkeu | finance ministry; ministry of finance; finance department; department of finance
deptan | agriculture ministry; ministry of agriculture; agriculture department
depdag | trade ministry; ministry of trade; trade department
depperin | industry ministry; ministry of industry; industry department
deplu | foreign ministry; ministry of foreign affairs; foreign affairs
depdagri | home ministry; home affairs; ministry of home affairs
dephub | transport ministry; transportation ministry; ministry of transport
ditjen | directorate general; directorate-general; director general
dirjen | director general; director-general; directorate general
dirut | president director; chief executive; ceo; managing director; president; director
direktur utama | president director; chief executive; ceo; managing director; president; director
kadis | head of the agency; head of the office; agency head; head; chief
kadiv | division head; head of division; head of the division; head
sudin | agency; office; sub-department; department
pemda | regional government; local government; provincial government; regency government; administration
kanwil | regional office; office
dubes | ambassador
kbri | embassy
wapres | vice president; vice-president; veep
meneg | state minister; minister
menneg | state minister; minister
menko | coordinating minister; coordinating ministry
ppn | value-added tax; value added tax; vat; national development planning; planning
pph | income tax; tax
pnbp | non-tax revenue; non-tax state revenue; nontax revenue; non-tax
bappenas | national development planning; planning board; planning agency; bappenas
bpk | audit board; supreme audit; state audit; auditor; bpk
bpd | regional development bank; regional bank; regional government-owned bank; bpd
bpkp | development finance comptroller; finance and development supervisory; bpkp
bkpm | investment coordinating board; investment board; bkpm
bulog | logistics agency; food logistics; bulog
pertamina | pertamina; state oil
pgn | state gas; gas company; pgn
sbi | bank indonesia certificate; bank indonesia's certificate; sbi; central bank certificate
sbn | government securities; state securities; government bonds; state bonds; state debentures; government debt; sbn
sun | government bonds; state bonds; state debentures; government securities; treasury bonds; sun
ori | retail bonds; retail government bonds; ori
sukuk | sukuk; sharia bonds; islamic bonds
lkm | microfinance institution; micro finance institution; microfinance; mfi
lkp | non-bank financial institution; financing institution; financial institution
rups | general meeting of shareholders; shareholders' meeting; shareholders meeting; shareholder; agm; egm
rupst | annual general meeting of shareholders; annual shareholders; agm
rupslb | extraordinary general meeting of shareholders; extraordinary shareholders; extraordinary meeting; shareholders; egm
nab | net asset value; net asset; nav
npl | non-performing loan; nonperforming loan; bad loan; npl
ul | undisbursed loan; ul
dpk | third-party funds; third party funds; deposits; dpk
ldr | loan-to-deposit; loan to deposit; ldr
car | capital adequacy; car
dau | general allocation fund; general allocation; dau
dak | special allocation fund; special allocation; dak
dipa | budget implementation; dipa
pma | foreign direct investment; foreign investment; fdi; pma
pmdn | domestic investment; domestic direct investment; pmdn
pltu | coal-fired; steam power; power plant; pltu
plta | hydro; power plant; plta
pltg | gas-fired; gas power; power plant; pltg
pdam | water company; water utility; water
amdal | environmental impact; amdal
orba | new order
ipo | initial public offering; ipo; listing
perpres | presidential regulation; presidential decree; presidential decision
keppres | presidential decree; presidential decision; keppres
inpres | presidential instruction; inpres
sda | natural resources; natural resource
ui | university of indonesia; ui
phln | foreign loans; foreign debt; external loans; external debt; offshore loans
ln | foreign; overseas; offshore; external
dephan | defense; defence
capex | capital expenditure; capex
rkap | work plan; budget plan; rkap
npi | balance of payments; trade balance; npi
cukai | excise
kppu | business competition; competition commission; antitrust; kppu
kpr | mortgage; housing loan; kpr
pm | prime minister; pm
dpr-ri | house of representatives; parliament; house; dpr
dpd-ri | regional representative; dpd
pemprov dki | jakarta administration; city administration; provincial government; jakarta government
rusun | flats; apartment; low-cost housing; rusun
rusunawa | rental flats; rented flats; low-cost rental; rusunawa
puskesmas | community health; health centre; health center; clinic; puskesmas
satpol pp | public order; civil service police; satpol pp
"""
