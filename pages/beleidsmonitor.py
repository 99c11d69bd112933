import streamlit as st
st.title('beleidsmonitor')
st.info('Deze pagina wordt nog gebouwd.')
