# The Arabic catalogue holds every string the sources show, translated: lupdate, run over the same
# sources into a copy of the .ts, must find nothing new and leave nothing unfinished. (A string added
# to the code without lupdate is absent from the .ts, so a check of the .ts alone cannot see it;
# the desk would show it in English.)
#   cmake -DGENERATOR=… -DPROJECT_IN=… -DLUPDATE=… -DTS=… -DWORK=… -P check_translations_current.cmake
foreach(var GENERATOR PROJECT_IN LUPDATE TS WORK)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check_translations_current: ${var} is not given")
    endif()
endforeach()
file(MAKE_DIRECTORY "${WORK}")
set(project_json "${WORK}/project.json")
set(copy "${WORK}/fatora_backoffice_ar.ts")
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${project_json} -P "${GENERATOR}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "could not write the lupdate project: ${out}${err}")
endif()
file(COPY_FILE "${TS}" "${copy}")
execute_process(COMMAND "${LUPDATE}" -project "${project_json}" -no-obsolete -locations none -ts "${copy}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed: ${out}${err}")
endif()
file(STRINGS "${copy}" lines)
set(missing "")
set(previous "")
foreach(line IN LISTS lines)
    if(line MATCHES "type=\"unfinished\"")
        string(STRIP "${previous}" source)
        string(APPEND missing "\n  ${source}")
    endif()
    set(previous "${line}")
endforeach()
if(NOT missing STREQUAL "")
    message(FATAL_ERROR "Strings with no Arabic translation (run the fatora_gui_lupdate target, then "
                        "translate them in translations/fatora_backoffice_ar.ts):${missing}")
endif()
message(STATUS "every source string has its Arabic translation (${out})")
