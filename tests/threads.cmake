# Results do not depend on the second core: generated assessments large enough to be split
# (40,000 villages: a roster over 4 MB and a score CSV of three batches; 20,000 villages of
# YAML data; 5,000 villages and 2,000 alliances in YAML rosters) give the same bytes with
# XINGJI_THREADS=1; so does a ledger of 60,000 events.
#   -DGEN=xingji-gen -DCMD=xingji -DTMP=dir

# Generates an assessment with ARGN, checks that FILE of it has at least MIN bytes (or the
# split is not exercised), and compares each command of COMMANDS on one and two threads.
function(same_on_one_thread file min commands)
  file(REMOVE_RECURSE ${TMP})
  execute_process(COMMAND ${GEN} ${TMP} ${ARGN} RESULT_VARIABLE rc)
  file(GLOB found ${TMP}/${file})
  list(GET found 0 found)
  file(SIZE ${found} size)
  if(size LESS ${min})
    message(FATAL_ERROR "${file} is too small to exercise the split (${size} bytes)")
  endif()
  foreach(what IN LISTS commands)
    string(REPLACE " " ";" what "${what}")
    execute_process(COMMAND ${CMD} ${what} ${TMP} OUTPUT_VARIABLE two ERROR_VARIABLE err RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "xingji ${what} failed: ${err}")
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E env XINGJI_THREADS=1 ${CMD} ${what} ${TMP} OUTPUT_VARIABLE one
                    RESULT_VARIABLE rc)
    if(NOT one STREQUAL two)
      message(FATAL_ERROR "xingji ${what} differs between one and two threads (${ARGN})")
    endif()
  endforeach()
  file(REMOVE_RECURSE ${TMP})
endfunction()

same_on_one_thread(villages.csv 1000000 "score --format csv;report;rank --by township --format json"
  --villages 40000 --alliances 400 --indicators 16 --years 2 --seed 11)
same_on_one_thread(data/village-*.yaml 2000000 "score --format csv;validate"
  --villages 20000 --alliances 200 --indicators 16 --years 2 --format yaml --seed 12)
same_on_one_thread(alliances.yaml 65536 "score --format csv;rank --level alliance --format json"
  --villages 5000 --alliances 2000 --indicators 8 --roster yaml --seed 13)
# A ledger of 60,000 events (over 1 MB: read as two halves) for 5,000 members (spec 6).
same_on_one_thread(ledger/member-2024.csv 1100000 "score --level member --format csv;ledger --format csv"
  --villages 500 --alliances 0 --indicators 8 --people 5000 --events 60000 --seed 14)
